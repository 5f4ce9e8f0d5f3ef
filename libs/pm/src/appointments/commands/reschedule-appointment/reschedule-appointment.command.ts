import { Command } from '@nestjs/cqrs';

import type { AppointmentView } from '../../domain/appointment.view';

/** Moves a scheduled appointment (and optionally to another provider). Null when it is not in scope. */
export class RescheduleAppointmentCommand extends Command<AppointmentView | null> {
  constructor(
    readonly appointmentId: string,
    readonly startAt: string,
    readonly endAt: string,
    readonly providerId?: string,
  ) {
    super();
  }
}
