import { Query } from '@nestjs/cqrs';

import type { AppointmentView } from '../../domain/appointment.view';

/** Null when the appointment does not exist or is at a site outside the caller's scope. */
export class GetAppointmentQuery extends Query<AppointmentView | null> {
  constructor(readonly appointmentId: string) {
    super();
  }
}
