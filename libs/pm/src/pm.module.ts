import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@cairn/platform/audit';
import { AppointmentsController } from './appointments/appointments.controller';
import { BookAppointmentHandler } from './appointments/commands/book-appointment/book-appointment.handler';
import { RescheduleAppointmentHandler } from './appointments/commands/reschedule-appointment/reschedule-appointment.handler';
import { SetAppointmentStatusHandler } from './appointments/commands/set-appointment-status/set-appointment-status.handler';
import { GetAppointmentHandler } from './appointments/queries/get-appointment/get-appointment.handler';
import { SetServiceTypeCategoryHandler } from './service-types/commands/set-service-type-category/set-service-type-category.handler';
import { ListServiceTypesHandler } from './service-types/queries/list-service-types/list-service-types.handler';
import { ServiceTypesController } from './service-types/service-types.controller';

/** The practice-management context (PM): appointments (PM-03) and service types; later encounters and charges. */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [AppointmentsController, ServiceTypesController],
  providers: [BookAppointmentHandler, RescheduleAppointmentHandler, SetAppointmentStatusHandler, GetAppointmentHandler, SetServiceTypeCategoryHandler, ListServiceTypesHandler],
})
export class PmModule {}
