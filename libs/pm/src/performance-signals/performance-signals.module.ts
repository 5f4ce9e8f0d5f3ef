import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { GetAppointmentSignalsHandler } from './queries/get-appointment-signals/get-appointment-signals.handler';
import { GetChargeSignalsHandler } from './queries/get-charge-signals/get-charge-signals.handler';

/**
 * PM's performance signal sources (@cairn/platform/performance-signals): pm.appointments and pm.charges, and
 * their drill-through. Imported by PmModule (API) and PmWorkerModule (the worker recomputes dashboards).
 */
@Module({
  imports: [CqrsModule, AuditModule],
  providers: [GetAppointmentSignalsHandler, GetChargeSignalsHandler],
})
export class PmPerformanceSignalsModule {}
