import { Module } from '@nestjs/common';

import { AppointmentsModule } from './appointments/appointments.module';
import { ChargesModule } from './charges/charges.module';
import { EncountersModule } from './encounters/encounters.module';
import { FeeScheduleModule } from './fee-schedule/fee-schedule.module';
import { PmPerformanceSignalsModule } from './performance-signals/performance-signals.module';
import { ServiceTypesModule } from './service-types/service-types.module';

/**
 * Handlers of the platform contracts PM answers (@cairn/platform/scheduling), with no routes: the worker imports
 * it so CL's encounter generation can send CreateGroupEncountersCommand (and CL's peer finalization
 * CreatePeerEncounterCommand); PmModule includes it for the API.
 */
@Module({ imports: [EncountersModule] })
export class PmContractHandlersModule {}

/** The practice-management context (PM) in the API, one module per feature: appointments (PM-03), service types,
 * encounters, charges and the fee schedule (PM-07). */
@Module({
  imports: [PmContractHandlersModule, AppointmentsModule, ServiceTypesModule, ChargesModule, FeeScheduleModule, PmPerformanceSignalsModule],
})
export class PmModule {}
