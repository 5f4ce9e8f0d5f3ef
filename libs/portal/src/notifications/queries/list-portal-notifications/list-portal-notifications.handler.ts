import { QueryHandler } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';
import { pagedAuditedList, TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { PortalNotificationView, toPortalNotificationView } from '../../domain/portal-notification.view';
import { PortalNotificationRepository } from '../../infrastructure/portal-notification.repository';
import { ListPortalNotificationsQuery } from './list-portal-notifications.query';

type Result = Page<PortalNotificationView> & { unread: number };

@QueryHandler(ListPortalNotificationsQuery)
@TenantUseCase(ListPortalNotificationsQuery, { audit: { action: 'portal.notification.list', resource: 'portal_notification' } })
export class ListPortalNotificationsHandler implements PortalUseCaseHandler<ListPortalNotificationsQuery, Result> {
  constructor(private readonly repo: PortalNotificationRepository) {}

  async execute({ filter }: ListPortalNotificationsQuery, { tx, audit }: PortalUseCase): Promise<Result> {
    const page = await pagedAuditedList(audit, {
      page: { page: filter.page, pageSize: filter.pageSize },
      filters: [...(filter.unreadOnly ? ['unread'] : []), ...(filter.since ? ['since'] : [])],
      count: () => this.repo.count(tx, filter),
      rows: (w) => this.repo.page(tx, filter, w),
      toItems: (rows) => rows.map(toPortalNotificationView),
      scope: ({ rows }) => ({ patientIds: [...new Set(rows.map((r) => r.patientId))] }),
      sequential: true,
    });
    return { ...page, unread: await this.repo.count(tx, { unreadOnly: true }) };
  }
}
