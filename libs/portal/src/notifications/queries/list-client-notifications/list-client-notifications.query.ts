import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { ClientNotificationView } from '../../domain/client-notification.view';

export interface ClientNotificationFilter {
  unreadOnly?: boolean;
  page?: number;
  pageSize?: number;
}

export type ClientNotificationPage = Page<ClientNotificationView> & { unread: number };

/** The client's notifications, newest first, with the count of unread ones (the header's badge). */
export class ListClientNotificationsQuery extends Query<ClientNotificationPage> {
  constructor(
    readonly patientId: string,
    readonly filter: ClientNotificationFilter,
  ) {
    super();
  }
}
