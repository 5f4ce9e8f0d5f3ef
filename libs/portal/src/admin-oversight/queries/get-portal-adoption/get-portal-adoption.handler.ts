import { QueryHandler } from '@nestjs/cqrs';

import { InvalidInputError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { activePatientCount, engagementSignals } from '../../../engagement-signals/infrastructure/engagement-signals.repository';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { MAX_ADOPTION_DAYS, PortalAdoptionView, toPortalAdoptionView } from '../../domain/portal-adoption.view';
import { GetPortalAdoptionQuery } from './get-portal-adoption.query';

/**
 * Seed §3.A: adoption rate, daily and weekly active clients, engagement by feature. The same SQL as the dashboards'
 * Engagement source (po_engagement_signals), so the admin view and the tiles never disagree. The route asks
 * portal.admin; the read is audited with its period.
 */
@QueryHandler(GetPortalAdoptionQuery)
@TenantUseCase(GetPortalAdoptionQuery, { audit: { action: 'portal.adoption.view', resource: 'portal_adoption' } })
export class GetPortalAdoptionHandler implements PortalUseCaseHandler<GetPortalAdoptionQuery, PortalAdoptionView> {
  async execute({ from, to }: GetPortalAdoptionQuery, { ctx, tx, audit }: PortalUseCase): Promise<PortalAdoptionView> {
    if (to < from)
      throw new InvalidInputError('The period ends before it starts.', [{ field: 'to', message: 'to must not be before from' }]);
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
    if (days > MAX_ADOPTION_DAYS) {
      const message = `the period may cover at most ${MAX_ADOPTION_DAYS} days`;
      throw new InvalidInputError(message, [{ field: 'to', message }]);
    }
    const organizationId = ctx.organizationId;
    const [buckets, patients] = [await engagementSignals(tx, organizationId, from, to), await activePatientCount(tx, organizationId)];
    const view = toPortalAdoptionView(from, to, buckets, patients);
    audit.scope({ from, to, days });
    return view;
  }
}
