import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import { assertSignalRange, GetGroupEncounterSignalsQuery, SignalBucket } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { clSignals } from '../../infrastructure/performance-signals.repository';

/** cl.group-encounters signals (@cairn/platform/performance-signals), without PHI. */
@QueryHandler(GetGroupEncounterSignalsQuery)
@TenantUseCase(GetGroupEncounterSignalsQuery, {
  audit: false,
  reason: 'aggregates without PHI (counts of proposals per day, site and facilitator; no patient or session id)',
})
export class GetGroupEncounterSignalsHandler implements ClUseCaseHandler<GetGroupEncounterSignalsQuery, SignalBucket[]> {
  async execute(query: GetGroupEncounterSignalsQuery, { ctx, tx }: ClUseCase): Promise<SignalBucket[]> {
    assertSignalRange(query.from, query.to);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Signals of another organization.');
    return clSignals(tx, 'cl.group-encounters', query);
  }
}
