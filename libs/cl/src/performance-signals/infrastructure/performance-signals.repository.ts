import { isoDate } from '@cairn/platform/kernel';
import type { SignalBucket, SourceSignalsQuery } from '@cairn/platform/performance-signals';

import type { ClTx } from '../../cl.tx';

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

/** CL's signal sources and the SECURITY DEFINER function behind each (migration 20261206140000_added_performance_signal_sources). */
export type ClSignalSource = 'cl.documentation' | 'cl.group-encounters' | 'cl.peer' | 'cl.caseload' | 'cl.consents' | 'cl.supervision';

/**
 * The buckets of one CL source. Each function checks the caller's organization, reads only the asked days through
 * indexes and returns aggregates without PHI (no patient, note or encounter id).
 */
export async function clSignals(tx: ClTx, source: ClSignalSource, q: SourceSignalsQuery): Promise<SignalBucket[]> {
  const [org, from, to] = [q.organizationId, q.from, q.to];
  let rows: BucketRow[];
  switch (source) {
    case 'cl.documentation':
      rows = await tx.$queryRaw<BucketRow[]>`
        SELECT metric_key, site_id, provider_id, day, value::float8 AS value, breakdown
        FROM cl_documentation_signals(${org}::uuid, ${from}::date, ${to}::date) ORDER BY day, metric_key, site_id, provider_id`;
      break;
    case 'cl.group-encounters':
      rows = await tx.$queryRaw<BucketRow[]>`
        SELECT metric_key, site_id, provider_id, day, value::float8 AS value, breakdown
        FROM cl_group_encounter_signals(${org}::uuid, ${from}::date, ${to}::date) ORDER BY day, metric_key, site_id, provider_id`;
      break;
    case 'cl.peer':
      rows = await tx.$queryRaw<BucketRow[]>`
        SELECT metric_key, site_id, provider_id, day, value::float8 AS value, breakdown
        FROM cl_peer_signals(${org}::uuid, ${from}::date, ${to}::date) ORDER BY day, metric_key, site_id, provider_id`;
      break;
    case 'cl.caseload':
      rows = await tx.$queryRaw<BucketRow[]>`
        SELECT metric_key, site_id, provider_id, day, value::float8 AS value, breakdown
        FROM cl_caseload_signals(${org}::uuid, ${from}::date, ${to}::date) ORDER BY day, metric_key, site_id, provider_id`;
      break;
    case 'cl.consents':
      rows = await tx.$queryRaw<BucketRow[]>`
        SELECT metric_key, site_id, provider_id, day, value::float8 AS value, breakdown
        FROM cl_consent_signals(${org}::uuid, ${from}::date, ${to}::date) ORDER BY day, metric_key, site_id, provider_id`;
      break;
    case 'cl.supervision':
      rows = await tx.$queryRaw<BucketRow[]>`
        SELECT metric_key, site_id, provider_id, day, value::float8 AS value, breakdown
        FROM cl_supervision_signals(${org}::uuid, ${from}::date, ${to}::date) ORDER BY day, metric_key, site_id, provider_id`;
      break;
  }
  return rows.map(toBucket);
}
