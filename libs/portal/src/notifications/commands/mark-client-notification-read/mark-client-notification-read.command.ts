import { Command } from '@nestjs/cqrs';

import type { ClientNotificationView } from '../../domain/client-notification.view';

/** The client marks one of their notifications read (null: not theirs, or no such notification). */
export class MarkClientNotificationReadCommand extends Command<ClientNotificationView | null> {
  constructor(
    readonly patientId: string,
    readonly notificationId: string,
  ) {
    super();
  }
}
