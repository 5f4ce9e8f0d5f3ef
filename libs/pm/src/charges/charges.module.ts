import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { ChargesController } from './http/charges.controller';
import { ChargeListRepository } from './infrastructure/charge-list.repository';
import { ChargesRepository } from './infrastructure/charges.repository';
import { ExportChargesHandler } from './queries/export-charges/export-charges.handler';
import { ListChargesHandler } from './queries/list-charges/list-charges.handler';

/** PM charges (PM-07): the charge list and its CSV export. Charge creation is a worker event handler (PmWorkerModule). */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [ChargesController],
  providers: [ChargesRepository, ChargeListRepository, ListChargesHandler, ExportChargesHandler],
})
export class ChargesModule {}
