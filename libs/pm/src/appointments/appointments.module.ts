import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { BookAppointmentHandler } from './commands/book-appointment/book-appointment.handler';
import { RescheduleAppointmentHandler } from './commands/reschedule-appointment/reschedule-appointment.handler';
import { SetAppointmentStatusHandler } from './commands/set-appointment-status/set-appointment-status.handler';
import { AppointmentsController } from './http/appointments.controller';
import { GetAppointmentHandler } from './queries/get-appointment/get-appointment.handler';
import { ListPatientAppointmentsHandler } from './queries/list-patient-appointments/list-patient-appointments.handler';

/** PM appointments (PM-03): book, reschedule, set status. */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [AppointmentsController],
  providers: [
    BookAppointmentHandler,
    RescheduleAppointmentHandler,
    SetAppointmentStatusHandler,
    GetAppointmentHandler,
    ListPatientAppointmentsHandler,
  ],
})
export class AppointmentsModule {}
