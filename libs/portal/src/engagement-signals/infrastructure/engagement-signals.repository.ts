import { isoDate } from '@cairn/platform/kernel';
import type { SignalBucket } from '@cairn/platform/performance-signals';

import type { PortalTx } from '../../portal.tx';

interface BucketRow {
  metric_key: string;
  day: Date;
  value: number;
  breakdown: Record<string, number> | null;
}

/**
 * The portal's engagement buckets for [from, to], organization-wide (po_engagement_signals, migration
 * 20261207130000): aggregates only, no patient id. The function checks the organization is the transaction's and
 * the caller the worker or its staff (42501), and the range (22023).
 */
export async function engagementSignals(tx: PortalTx, organizationId: string, from: string, to: string): Promise<SignalBucket[]> {
  const rows = await tx.$queryRaw<BucketRow[]>`
    SELECT metric_key, day, value::float8 AS value, breakdown
    FROM po_engagement_signals(${organizationId}::uuid, ${from}::date, ${to}::date) ORDER BY day, metric_key`;
  return rows.map((r) => ({
    metricKey: r.metric_key,
    siteId: null,
    providerId: null,
    day: isoDate(r.day),
    value: Number(r.value),
    ...(r.breakdown ? { breakdown: Object.fromEntries(Object.entries(r.breakdown).map(([k, v]) => [k, Number(v)])) } : {}),
  }));
}

/** The organization's active patients (CL, now), the adoption denominator; same guard as the signals. */
export async function activePatientCount(tx: PortalTx, organizationId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ n: number }[]>`SELECT po_active_patient_count(${organizationId}::uuid)::int AS n`;
  return Number(rows[0]?.n ?? 0);
}
