import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import { assertSignalRange, GetConsentSignalsQuery, SignalBucket } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { clSignals } from '../../infrastructure/performance-signals.repository';

/** cl.consents signals (@cairn/platform/performance-signals), without PHI. */
@QueryHandler(GetConsentSignalsQuery)
@TenantUseCase(GetConsentSignalsQuery, {
  audit: false,
  reason: 'aggregates without PHI (one organization-wide count of expiring consents; no patient or consent id)',
})
export class GetConsentSignalsHandler implements ClUseCaseHandler<GetConsentSignalsQuery, SignalBucket[]> {
  async execute(query: GetConsentSignalsQuery, { ctx, tx }: ClUseCase): Promise<SignalBucket[]> {
    assertSignalRange(query.from, query.to);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Signals of another organization.');
    return clSignals(tx, 'cl.consents', query);
  }
}
