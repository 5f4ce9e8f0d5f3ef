import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { ChargesController } from './http/charges.controller';
import { ChargesRepository } from './infrastructure/charges.repository';
import { ListChargesHandler } from './queries/list-charges/list-charges.handler';

/** PM charges (PM-07): the charge list. Charge creation is a worker event handler (PmWorkerModule). */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [ChargesController],
  providers: [ChargesRepository, ListChargesHandler],
})
export class ChargesModule {}
