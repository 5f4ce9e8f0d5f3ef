import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import { assertSignalRange, GetChargeSignalsQuery, SignalBucket } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { chargeSignals } from '../../infrastructure/performance-signals.repository';

/** pm.charges signals (@cairn/platform/performance-signals): per day, site and provider, without PHI. */
@QueryHandler(GetChargeSignalsQuery)
@TenantUseCase(GetChargeSignalsQuery, {
  audit: false,
  reason: 'aggregates without PHI (headline counts and amounts per day, site and provider, by code; no patient or charge id)',
})
export class GetChargeSignalsHandler implements PmUseCaseHandler<GetChargeSignalsQuery, SignalBucket[]> {
  async execute(query: GetChargeSignalsQuery, { ctx, tx }: PmUseCase): Promise<SignalBucket[]> {
    assertSignalRange(query.from, query.to);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Signals of another organization.');
    return chargeSignals(tx, query);
  }
}
