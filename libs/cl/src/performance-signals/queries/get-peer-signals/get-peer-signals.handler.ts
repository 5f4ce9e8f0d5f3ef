import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import { assertSignalRange, GetPeerSignalsQuery, SignalBucket } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { clSignals } from '../../infrastructure/performance-signals.repository';

/** cl.peer signals (@cairn/platform/performance-signals), without PHI. */
@QueryHandler(GetPeerSignalsQuery)
@TenantUseCase(GetPeerSignalsQuery, {
  audit: false,
  reason: 'aggregates without PHI (counts of peer encounters per day, site and peer specialist; no patient or encounter id)',
})
export class GetPeerSignalsHandler implements ClUseCaseHandler<GetPeerSignalsQuery, SignalBucket[]> {
  async execute(query: GetPeerSignalsQuery, { ctx, tx }: ClUseCase): Promise<SignalBucket[]> {
    assertSignalRange(query.from, query.to);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Signals of another organization.');
    return clSignals(tx, 'cl.peer', query);
  }
}
