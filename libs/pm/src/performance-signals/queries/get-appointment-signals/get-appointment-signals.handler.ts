import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import { assertSignalRange, GetAppointmentSignalsQuery, SignalBucket } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { appointmentSignals } from '../../infrastructure/performance-signals.repository';

/** pm.appointments signals (@cairn/platform/performance-signals): per day, site and provider, without PHI. */
@QueryHandler(GetAppointmentSignalsQuery)
@TenantUseCase(GetAppointmentSignalsQuery, {
  audit: false,
  reason: 'aggregates without PHI (counts and minutes per day, site and provider; no patient or appointment id)',
})
export class GetAppointmentSignalsHandler implements PmUseCaseHandler<GetAppointmentSignalsQuery, SignalBucket[]> {
  async execute(query: GetAppointmentSignalsQuery, { ctx, tx }: PmUseCase): Promise<SignalBucket[]> {
    assertSignalRange(query.from, query.to);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Signals of another organization.');
    return appointmentSignals(tx, query);
  }
}
