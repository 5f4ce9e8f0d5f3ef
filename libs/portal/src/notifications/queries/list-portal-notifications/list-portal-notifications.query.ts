import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { PortalNotificationView } from '../../domain/portal-notification.view';

export interface PortalNotificationFilter {
  unreadOnly?: boolean;
  /** Only notifications created after this instant (the live stream's cursor). */
  since?: Date;
  page?: number;
  pageSize?: number;
}

/** New portal activity of the caller's clients (the patients whose current primary therapist the caller is), newest first. */
export class ListPortalNotificationsQuery extends Query<Page<PortalNotificationView> & { unread: number }> {
  constructor(readonly filter: PortalNotificationFilter) {
    super();
  }
}
