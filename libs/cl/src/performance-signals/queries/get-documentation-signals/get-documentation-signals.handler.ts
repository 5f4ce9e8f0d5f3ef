import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import { assertSignalRange, GetDocumentationSignalsQuery, SignalBucket } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { clSignals } from '../../infrastructure/performance-signals.repository';

/** cl.documentation signals (@cairn/platform/performance-signals), without PHI. */
@QueryHandler(GetDocumentationSignalsQuery)
@TenantUseCase(GetDocumentationSignalsQuery, {
  audit: false,
  reason: 'aggregates without PHI (counts of notes and lag hours per day, site and author; no patient or note id)',
})
export class GetDocumentationSignalsHandler implements ClUseCaseHandler<GetDocumentationSignalsQuery, SignalBucket[]> {
  async execute(query: GetDocumentationSignalsQuery, { ctx, tx }: ClUseCase): Promise<SignalBucket[]> {
    assertSignalRange(query.from, query.to);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Signals of another organization.');
    return clSignals(tx, 'cl.documentation', query);
  }
}
