import { Command } from '@nestjs/cqrs';

import type { AppointmentView } from '../../domain/appointment.view';

export interface BookAppointmentInput {
  siteId: string;
  providerId: string;
  patientId: string;
  serviceType: string;
  startAt: string;
  endAt: string;
}

/** Books a session (status scheduled) at a site the caller holds pm.appointments.manage at. */
export class BookAppointmentCommand extends Command<AppointmentView> {
  constructor(readonly input: BookAppointmentInput) {
    super();
  }
}
