import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { BillChargeHandler } from './commands/bill-charge/bill-charge.handler';
import { CorrectChargeHandler } from './commands/correct-charge/correct-charge.handler';
import { VoidChargeOfSourceHandler } from './commands/void-charge-of-source/void-charge-of-source.handler';
import { VoidChargeHandler } from './commands/void-charge/void-charge.handler';
import { ChargesController } from './http/charges.controller';
import { ChargeListRepository } from './infrastructure/charge-list.repository';
import { ChargesRepository } from './infrastructure/charges.repository';
import { ExportChargesHandler } from './queries/export-charges/export-charges.handler';
import { GetChargeOfSourceHandler } from './queries/get-charge-of-source/get-charge-of-source.handler';
import { ListChargesHandler } from './queries/list-charges/list-charges.handler';

/**
 * PM charges (PM-07): the charge list and its CSV export, and the lifecycle (void, correct, bill; ADR 0011).
 * Charge creation is a worker event handler (PmWorkerModule).
 */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [ChargesController],
  providers: [
    ChargesRepository,
    ChargeListRepository,
    ListChargesHandler,
    ExportChargesHandler,
    VoidChargeHandler,
    CorrectChargeHandler,
    BillChargeHandler,
    VoidChargeOfSourceHandler,
    GetChargeOfSourceHandler,
  ],
})
export class ChargesModule {}
