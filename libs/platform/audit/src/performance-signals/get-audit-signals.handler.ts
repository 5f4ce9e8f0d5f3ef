import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError, isoDate } from '@cairn/platform/kernel';
import { assertSignalRange, GetAuditSignalsQuery, SignalBucket } from '@cairn/platform/performance-signals';
import { TenantUseCase, TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

interface BucketRow {
  metric_key: string;
  day: Date;
  value: number;
  breakdown: Record<string, number> | null;
}

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
    const rows = await tx.$queryRaw<BucketRow[]>`
      SELECT metric_key, day, value::float8 AS value, breakdown
      FROM pf_audit_signals(${query.organizationId}::uuid, ${query.from}::date, ${query.to}::date)`;
    return rows.map((r) => ({
      metricKey: r.metric_key,
      siteId: null,
      providerId: null,
      day: isoDate(r.day),
      value: Number(r.value),
      ...(r.breakdown ? { breakdown: r.breakdown } : {}),
    }));
  }
}
