import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import { assertSignalRange, GetCaseloadSignalsQuery, SignalBucket } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { clSignals } from '../../infrastructure/performance-signals.repository';

/** cl.caseload signals (@cairn/platform/performance-signals), without PHI. */
@QueryHandler(GetCaseloadSignalsQuery)
@TenantUseCase(GetCaseloadSignalsQuery, {
  audit: false,
  reason: 'aggregates without PHI (a count of patients per provider; no patient id)',
})
export class GetCaseloadSignalsHandler implements ClUseCaseHandler<GetCaseloadSignalsQuery, SignalBucket[]> {
  async execute(query: GetCaseloadSignalsQuery, { ctx, tx }: ClUseCase): Promise<SignalBucket[]> {
    assertSignalRange(query.from, query.to);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Signals of another organization.');
    return clSignals(tx, 'cl.caseload', query);
  }
}
