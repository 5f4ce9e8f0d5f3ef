import { QueryHandler } from '@nestjs/cqrs';

import { pagedAuditedList, TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { toClientNotificationView } from '../../domain/client-notification.view';
import { ClientNotificationPage, ListClientNotificationsQuery } from './list-client-notifications.query';

/** The row policy shows a client only their own rows; the patient in the filter says the same thing twice, on purpose. */
@QueryHandler(ListClientNotificationsQuery)
@TenantUseCase(ListClientNotificationsQuery, {
  audit: { action: 'portal.client-notification.list', resource: 'portal_client_notification', patient: (q) => q.patientId },
})
export class ListClientNotificationsHandler implements PortalUseCaseHandler<ListClientNotificationsQuery, ClientNotificationPage> {
  async execute({ patientId, filter }: ListClientNotificationsQuery, { ctx, tx, audit }: PortalUseCase): Promise<ClientNotificationPage> {
    const mine = { organizationId: ctx.organizationId, patientId };
    const where = filter.unreadOnly ? { ...mine, readAt: null } : mine;
    const page = await pagedAuditedList(audit, {
      page: { page: filter.page, pageSize: filter.pageSize },
      filters: filter.unreadOnly ? ['unread'] : [],
      sequential: true,
      count: () => tx.clientNotification.count({ where }),
      rows: ({ skip, take }) => tx.clientNotification.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      toItems: (rows) => rows.map(toClientNotificationView),
      scope: ({ rows }) => ({ resultCount: rows.length }),
    });
    return { ...page, unread: filter.unreadOnly ? page.total : await tx.clientNotification.count({ where: { ...mine, readAt: null } }) };
  }
}
