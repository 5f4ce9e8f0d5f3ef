import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import { assertSignalRange, GetAuditSignalsQuery, SignalBucket } from '@cairn/platform/performance-signals';
import { TenantUseCase, TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

import { auditSignals } from './audit-signals.repository';

/**
 * platform.audit signals: `audit.chain-verified`, 1 when the organization's hash chain verifies end to end now
 * (pf_audit_signals over pf_audit_verify_chain, which the worker's system context may call too), else 0.
 */
@QueryHandler(GetAuditSignalsQuery)
@TenantUseCase(GetAuditSignalsQuery, {
  audit: false,
  reason: 'one boolean per organization (the chain verifies or not) and the count of events checked; no audit row content',
})
export class GetAuditSignalsHandler implements TenantUseCaseHandler<GetAuditSignalsQuery, SignalBucket[]> {
  async execute(query: GetAuditSignalsQuery, { ctx, tx }: UseCase): Promise<SignalBucket[]> {
    assertSignalRange(query.from, query.to);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Signals of another organization.');
    return auditSignals(tx, query);
  }
}
