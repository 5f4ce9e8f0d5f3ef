import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import { assertSignalRange, GetEngagementSignalsQuery, SignalBucket } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { engagementSignals } from '../../infrastructure/engagement-signals.repository';

/** portal.engagement signals (@cairn/platform/performance-signals, ADR 0014): the Engagement domain's source. */
@QueryHandler(GetEngagementSignalsQuery)
@TenantUseCase(GetEngagementSignalsQuery, {
  audit: false,
  reason: 'aggregates without PHI (organization-wide counts of portal accounts and client actions; no patient or record id)',
})
export class GetEngagementSignalsHandler implements PortalUseCaseHandler<GetEngagementSignalsQuery, SignalBucket[]> {
  async execute(query: GetEngagementSignalsQuery, { ctx, tx }: PortalUseCase): Promise<SignalBucket[]> {
    assertSignalRange(query.from, query.to);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Signals of another organization.');
    return engagementSignals(tx, query.organizationId, query.from, query.to);
  }
}
