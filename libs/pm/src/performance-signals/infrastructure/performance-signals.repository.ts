import { isoDate } from '@cairn/platform/kernel';
import type { SignalBucket, SourceSignalsQuery } from '@cairn/platform/performance-signals';

import type { PmTx } from '../../pm.tx';

interface BucketRow {
  metric_key: string;
  site_id: string | null;
  provider_id: string | null;
  day: Date;
  value: number;
  breakdown: Record<string, number> | null;
}

const toBucket = (r: BucketRow): SignalBucket => ({
  metricKey: r.metric_key,
  siteId: r.site_id,
  providerId: r.provider_id,
  day: isoDate(r.day),
  value: Number(r.value),
  ...(r.breakdown ? { breakdown: Object.fromEntries(Object.entries(r.breakdown).map(([k, v]) => [k, Number(v)])) } : {}),
});

/**
 * PM's signal sources: the SECURITY DEFINER functions pm_appointment_signals and pm_charge_signals (migration
 * 20261206140000_added_performance_signal_sources), which check the caller's organization, read only the asked
 * days through indexes and return aggregates without PHI.
 */
export async function appointmentSignals(tx: PmTx, q: SourceSignalsQuery): Promise<SignalBucket[]> {
  const rows = await tx.$queryRaw<BucketRow[]>`
    SELECT metric_key, site_id, provider_id, day, value::float8 AS value, breakdown
    FROM pm_appointment_signals(${q.organizationId}::uuid, ${q.from}::date, ${q.to}::date)
    ORDER BY day, metric_key, site_id, provider_id`;
  return rows.map(toBucket);
}

export async function chargeSignals(tx: PmTx, q: SourceSignalsQuery): Promise<SignalBucket[]> {
  const rows = await tx.$queryRaw<BucketRow[]>`
    SELECT metric_key, site_id, provider_id, day, value::float8 AS value, breakdown
    FROM pm_charge_signals(${q.organizationId}::uuid, ${q.from}::date, ${q.to}::date)
    ORDER BY day, metric_key, site_id, provider_id`;
  return rows.map(toBucket);
}
