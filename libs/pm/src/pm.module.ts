import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@cairn/platform/audit';
import { AppointmentsController } from './appointments/http/appointments.controller';
import { BookAppointmentHandler } from './appointments/commands/book-appointment/book-appointment.handler';
import { RescheduleAppointmentHandler } from './appointments/commands/reschedule-appointment/reschedule-appointment.handler';
import { SetAppointmentStatusHandler } from './appointments/commands/set-appointment-status/set-appointment-status.handler';
import { GetAppointmentHandler } from './appointments/queries/get-appointment/get-appointment.handler';
import { CreateGroupEncountersHandler } from './encounters/commands/create-group-encounters/create-group-encounters.handler';
import { CreatePeerEncounterHandler } from './encounters/commands/create-peer-encounter/create-peer-encounter.handler';
import { ListPatientEncountersHandler } from './encounters/queries/list-patient-encounters/list-patient-encounters.handler';
import { EncountersRepository } from './encounters/infrastructure/encounters.repository';
import { ChargesRepository } from './charges/infrastructure/charges.repository';
import { SetServiceTypeCategoryHandler } from './service-types/commands/set-service-type-category/set-service-type-category.handler';
import { ListServiceTypesHandler } from './service-types/queries/list-service-types/list-service-types.handler';
import { ServiceTypesController } from './service-types/http/service-types.controller';
import { ChargesController } from './charges/http/charges.controller';
import { ListChargesHandler } from './charges/queries/list-charges/list-charges.handler';
import { CreateFeeScheduleEntryHandler } from './fee-schedule/commands/create-fee-schedule-entry/create-fee-schedule-entry.handler';
import { EndFeeScheduleEntryHandler } from './fee-schedule/commands/end-fee-schedule-entry/end-fee-schedule-entry.handler';
import { FeeScheduleController } from './fee-schedule/http/fee-schedule.controller';
import { ListFeeScheduleHandler } from './fee-schedule/queries/list-fee-schedule/list-fee-schedule.handler';

/**
 * Handlers of the platform contracts PM answers (@cairn/platform/scheduling), with no routes: the worker imports
 * it so CL's encounter generation can send CreateGroupEncountersCommand (and CL's peer finalization CreatePeerEncounterCommand); PmModule includes it for the API.
 */
@Module({
  imports: [CqrsModule, AuditModule],
  providers: [EncountersRepository, CreateGroupEncountersHandler, CreatePeerEncounterHandler, ListPatientEncountersHandler],
})
export class PmContractHandlersModule {}

/** The practice-management context (PM) in the API: appointments (PM-03), service types, encounters,
 * charges and the fee schedule (PM-07). */
@Module({
  imports: [CqrsModule, AuditModule, PmContractHandlersModule],
  controllers: [AppointmentsController, ServiceTypesController, ChargesController, FeeScheduleController],
  providers: [
    ChargesRepository,
    BookAppointmentHandler, RescheduleAppointmentHandler, SetAppointmentStatusHandler, GetAppointmentHandler, SetServiceTypeCategoryHandler, ListServiceTypesHandler,
    ListChargesHandler, CreateFeeScheduleEntryHandler, EndFeeScheduleEntryHandler, ListFeeScheduleHandler,
  ],
})
export class PmModule {}
