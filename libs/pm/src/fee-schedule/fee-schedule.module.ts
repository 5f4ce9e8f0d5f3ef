import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { ChargesRepository } from '../charges/infrastructure/charges.repository';
import { CreateFeeScheduleEntryHandler } from './commands/create-fee-schedule-entry/create-fee-schedule-entry.handler';
import { EndFeeScheduleEntryHandler } from './commands/end-fee-schedule-entry/end-fee-schedule-entry.handler';
import { FeeScheduleController } from './http/fee-schedule.controller';
import { ListFeeScheduleHandler } from './queries/list-fee-schedule/list-fee-schedule.handler';

/** PM fee schedule: entries and their end dates (no overlapping periods per code); a new entry re-prices held charges. */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [FeeScheduleController],
  providers: [ChargesRepository, CreateFeeScheduleEntryHandler, EndFeeScheduleEntryHandler, ListFeeScheduleHandler],
})
export class FeeScheduleModule {}
