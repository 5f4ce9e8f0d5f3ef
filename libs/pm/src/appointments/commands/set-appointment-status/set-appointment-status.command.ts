import { Command } from '@nestjs/cqrs';

import type { AppointmentStatus, AppointmentView, CancelledBy } from '../../domain/appointment.view';

/** Checks in, completes, cancels (saying who and when), late-cancels or marks a no-show. Null when not in scope. */
export class SetAppointmentStatusCommand extends Command<AppointmentView | null> {
  constructor(
    readonly appointmentId: string,
    readonly status: AppointmentStatus,
    readonly cancelledBy?: CancelledBy,
    readonly cancelledAt?: string,
  ) {
    super();
  }
}
