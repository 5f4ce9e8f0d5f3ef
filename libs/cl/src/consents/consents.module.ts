import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { RecordConsentHandler } from './commands/record-consent/record-consent.handler';
import { RevokeConsentHandler } from './commands/revoke-consent/revoke-consent.handler';
import { ConsentsController } from './http/consents.controller';
import { CheckSudConsentHandler } from './queries/check-sud-consent/check-sud-consent.handler';
import { ListConsentsHandler } from './queries/list-consents/list-consents.handler';

/** CL Part 2 consents (42 CFR Part 2): record, revoke, list, and the SUD consent check other CL features ask on the bus. */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [ConsentsController],
  providers: [RecordConsentHandler, RevokeConsentHandler, CheckSudConsentHandler, ListConsentsHandler],
})
export class ConsentsModule {}
