import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { crisisWindowStart } from '../../domain/crisis-episode.rules';
import { toCrisisAlertView } from '../../domain/crisis-toolkit.view';
import { CrisisAlertsSectionView, GetCrisisAlertsSectionQuery } from './get-crisis-alerts-section.query';

const SECTION_DAYS = 90;

/** Staff only: a client (even about themselves) gets null, as alerts are never part of what the client sees. */
@QueryHandler(GetCrisisAlertsSectionQuery)
@TenantUseCase(GetCrisisAlertsSectionQuery, {
  audit: false,
  reason: "a section of the therapist's portal activity, whose own use case audits the read",
})
export class GetCrisisAlertsSectionHandler implements PortalUseCaseHandler<GetCrisisAlertsSectionQuery, CrisisAlertsSectionView | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId }: GetCrisisAlertsSectionQuery, { ctx, tx }: PortalUseCase): Promise<CrisisAlertsSectionView | null> {
    const relationship = await this.queries.execute(new GetPortalRelationshipQuery(patientId));
    if (relationship === null || relationship === 'client') return null;
    const now = new Date();
    const where = { organizationId: ctx.organizationId, patientId };
    const alerts = await tx.crisisAlert.findMany({
      where: { ...where, lastOpenAt: { gte: new Date(now.getTime() - SECTION_DAYS * 24 * 60 * 60 * 1000) } },
      orderBy: [{ raisedAt: 'desc' }, { id: 'asc' }],
    });
    const opensLast7Days = await tx.crisisToolkitOpen.count({ where: { ...where, openedAt: { gt: crisisWindowStart(now) } } });
    const views = alerts.map((a) => toCrisisAlertView(a, now));
    return { live: views.find((a) => a.live) ?? null, alerts: views, opensLast7Days };
  }
}
