import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { CrisisToolkitUsageView, toCrisisAlertView } from '../../domain/crisis-toolkit.view';
import { ListCrisisToolkitUsageQuery } from './list-crisis-toolkit-usage.query';

const USAGE_DAYS = 90;
const MAX_OPENS = 500;

@QueryHandler(ListCrisisToolkitUsageQuery)
@TenantUseCase(ListCrisisToolkitUsageQuery, {
  audit: { action: 'portal.crisis-toolkit.usage.read', resource: 'crisis_toolkit_open', patient: (q) => q.patientId },
})
export class ListCrisisToolkitUsageHandler implements PortalUseCaseHandler<ListCrisisToolkitUsageQuery, CrisisToolkitUsageView | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId }: ListCrisisToolkitUsageQuery, { ctx, tx, audit }: PortalUseCase): Promise<CrisisToolkitUsageView | null> {
    const organizationId = ctx.organizationId;
    if (!((await this.queries.execute(new GetPortalRelationshipQuery(patientId))) !== null)) return null;
    const now = new Date();
    const since = new Date(now.getTime() - USAGE_DAYS * 24 * 60 * 60 * 1000);
    const [opens, alerts] = await Promise.all([
      tx.crisisToolkitOpen.findMany({
        where: { organizationId, patientId, openedAt: { gte: since } },
        orderBy: { openedAt: 'desc' },
        take: MAX_OPENS,
      }),
      tx.crisisAlert.findMany({ where: { organizationId, patientId, lastOpenAt: { gte: since } }, orderBy: { raisedAt: 'desc' } }),
    ]);
    audit.scope({ resultCount: opens.length, alerts: alerts.length });
    return {
      patientId,
      opens: opens.map((o) => ({ openedAt: o.openedAt.toISOString(), alertId: o.alertId })),
      alerts: alerts.map((a) => toCrisisAlertView(a, now)),
    };
  }
}
