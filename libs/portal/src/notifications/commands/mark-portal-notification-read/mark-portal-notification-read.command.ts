import { Command } from '@nestjs/cqrs';

import type { PortalNotificationView } from '../../domain/portal-notification.view';

/** The clinician marks a portal notification read (or unread again). */
export class MarkPortalNotificationReadCommand extends Command<PortalNotificationView | null> {
  constructor(
    readonly notificationId: string,
    readonly read: boolean,
  ) {
    super();
  }
}
