import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@cairn/platform/audit';
import { AppointmentsController } from './appointments/appointments.controller';
import { BookAppointmentHandler } from './appointments/commands/book-appointment/book-appointment.handler';
import { RescheduleAppointmentHandler } from './appointments/commands/reschedule-appointment/reschedule-appointment.handler';
import { SetAppointmentStatusHandler } from './appointments/commands/set-appointment-status/set-appointment-status.handler';
import { GetAppointmentHandler } from './appointments/queries/get-appointment/get-appointment.handler';
import { CreateGroupEncountersHandler } from './encounters/commands/create-group-encounters/create-group-encounters.handler';
import { ListPatientEncountersHandler } from './encounters/queries/list-patient-encounters/list-patient-encounters.handler';
import { SetServiceTypeCategoryHandler } from './service-types/commands/set-service-type-category/set-service-type-category.handler';
import { ListServiceTypesHandler } from './service-types/queries/list-service-types/list-service-types.handler';
import { ServiceTypesController } from './service-types/service-types.controller';

/**
 * Handlers of the platform contracts PM answers (@cairn/platform/scheduling), with no routes: the worker imports
 * it so CL's encounter generation can send CreateGroupEncountersCommand; PmModule includes it for the API.
 */
@Module({
  imports: [CqrsModule, AuditModule],
  providers: [CreateGroupEncountersHandler, ListPatientEncountersHandler],
})
export class PmContractHandlersModule {}

/** The practice-management context (PM) in the API: appointments (PM-03), service types, encounters. */
@Module({
  imports: [CqrsModule, AuditModule, PmContractHandlersModule],
  controllers: [AppointmentsController, ServiceTypesController],
  providers: [
    BookAppointmentHandler, RescheduleAppointmentHandler, SetAppointmentStatusHandler, GetAppointmentHandler, SetServiceTypeCategoryHandler, ListServiceTypesHandler,
  ],
})
export class PmModule {}
