import type { TenantTxClient } from '@cairn/platform/db';
import { isoDate } from '@cairn/platform/kernel';
import type { SignalBucket, SourceSignalsQuery } from '@cairn/platform/performance-signals';

interface BucketRow {
  metric_key: string;
  day: Date;
  value: number;
  breakdown: Record<string, number> | null;
}

/** pf_audit_signals (migration 20261206140000_added_performance_signal_sources): the chain verifies now, 1 or 0. */
export async function auditSignals(tx: TenantTxClient, q: SourceSignalsQuery): Promise<SignalBucket[]> {
  const rows = await tx.$queryRaw<BucketRow[]>`
    SELECT metric_key, day, value::float8 AS value, breakdown
    FROM pf_audit_signals(${q.organizationId}::uuid, ${q.from}::date, ${q.to}::date)`;
  return rows.map((r) => ({
    metricKey: r.metric_key,
    siteId: null,
    providerId: null,
    day: isoDate(r.day),
    value: Number(r.value),
    ...(r.breakdown ? { breakdown: r.breakdown } : {}),
  }));
}
