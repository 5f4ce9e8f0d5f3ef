import { QueryHandler } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';
import { pagedAuditedList, setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { crisisWindowStart } from '../../domain/crisis-episode.rules';
import { CrisisAlertView, toCrisisAlertView } from '../../domain/crisis-toolkit.view';
import { ListCrisisAlertsQuery } from './list-crisis-alerts.query';

/** Row-level security decides the reach: portal.admin holders see every client's alerts. */
@QueryHandler(ListCrisisAlertsQuery)
@TenantUseCase(ListCrisisAlertsQuery, { audit: { action: 'portal.crisis-alert.list', resource: 'crisis_alert' } })
export class ListCrisisAlertsHandler implements PortalUseCaseHandler<ListCrisisAlertsQuery, Page<CrisisAlertView>> {
  execute({ filter }: ListCrisisAlertsQuery, { ctx, tx, audit }: PortalUseCase): Promise<Page<CrisisAlertView>> {
    const now = new Date();
    const where = { organizationId: ctx.organizationId, ...(filter.liveOnly ? { lastOpenAt: { gt: crisisWindowStart(now) } } : {}) };
    return pagedAuditedList(audit, {
      page: filter,
      filters: setFilterNames(filter),
      sequential: true,
      count: () => tx.crisisAlert.count({ where }),
      rows: ({ skip, take }) => tx.crisisAlert.findMany({ where, orderBy: [{ raisedAt: 'desc' }, { id: 'asc' }], skip, take }),
      toItems: (rows) => rows.map((a) => toCrisisAlertView(a, now)),
      scope: ({ rows }) => ({ resultCount: rows.length }),
    });
  }
}
