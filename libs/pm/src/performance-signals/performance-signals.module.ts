import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { ChargeListRepository } from '../charges/infrastructure/charge-list.repository';
import { ChargesRepository } from '../charges/infrastructure/charges.repository';
import { GetAppointmentSignalsHandler } from './queries/get-appointment-signals/get-appointment-signals.handler';
import { GetChargeSignalsHandler } from './queries/get-charge-signals/get-charge-signals.handler';
import { ListAppointmentSignalRecordsHandler } from './queries/list-appointment-signal-records/list-appointment-signal-records.handler';
import { ListChargeSignalRecordsHandler } from './queries/list-charge-signal-records/list-charge-signal-records.handler';

/**
 * PM's performance signal sources (@cairn/platform/performance-signals): pm.appointments and pm.charges, and
 * their drill-through. Imported by PmModule (API) and PmWorkerModule (the worker recomputes dashboards).
 */
@Module({
  imports: [CqrsModule, AuditModule],
  providers: [
    ChargesRepository,
    ChargeListRepository,
    GetAppointmentSignalsHandler,
    GetChargeSignalsHandler,
    ListAppointmentSignalRecordsHandler,
    ListChargeSignalRecordsHandler,
  ],
})
export class PmPerformanceSignalsModule {}
