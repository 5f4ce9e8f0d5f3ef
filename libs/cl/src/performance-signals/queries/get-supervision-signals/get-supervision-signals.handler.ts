import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import { assertSignalRange, GetSupervisionSignalsQuery, SignalBucket } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { clSignals } from '../../infrastructure/performance-signals.repository';

/** cl.supervision signals (@cairn/platform/performance-signals), without PHI. */
@QueryHandler(GetSupervisionSignalsQuery)
@TenantUseCase(GetSupervisionSignalsQuery, {
  audit: false,
  reason: 'aggregates without PHI (supervision hours per day and peer specialist, a count of peers short; no notes)',
})
export class GetSupervisionSignalsHandler implements ClUseCaseHandler<GetSupervisionSignalsQuery, SignalBucket[]> {
  async execute(query: GetSupervisionSignalsQuery, { ctx, tx }: ClUseCase): Promise<SignalBucket[]> {
    assertSignalRange(query.from, query.to);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Signals of another organization.');
    return clSignals(tx, 'cl.supervision', query);
  }
}
