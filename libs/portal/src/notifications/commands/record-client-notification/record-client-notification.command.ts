import { Command } from '@nestjs/cqrs';

import type { ClientNotificationKind } from '../../domain/client-notification.rules';

/**
 * Tell the client something new is there for them (sent on the bus by the use case that made the record, in that
 * use case's transaction, so the notification and the record commit together or not at all).
 */
export class RecordClientNotificationCommand extends Command<{ notificationId: string }> {
  constructor(
    readonly patientId: string,
    readonly kind: ClientNotificationKind,
    readonly recordId: string,
  ) {
    super();
  }
}
