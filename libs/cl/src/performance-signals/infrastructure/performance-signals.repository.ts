import { Prisma } from '@cairn/platform/db';
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

export interface NoteRecordRow {
  id: string;
  patient_id: string;
  site_id: string;
  author_id: string;
  session_start: Date;
  session_end: Date;
  total: number;
}

/**
 * Unsigned notes (drafts) whose session ended within [from, to] (the organization's calendar days), optionally only
 * those ended more than 48 hours ago, at `sites`, optionally one site and one author; one page and the total.
 * Row-level security keeps them to the caller's patients, sites and Part 2 consents (as GET /progress-notes/:id).
 */
export async function unsignedNoteRecords(
  tx: ClTx,
  organizationId: string,
  f: { from: string; to: string; siteId?: string; providerId?: string },
  overdueOnly: boolean,
  sites: 'all' | string[],
  skip: number,
  take: number,
): Promise<{ rows: NoteRecordRow[]; total: number }> {
  const where = Prisma.sql`
    n.organization_id = ${organizationId}::uuid AND n.status = 'draft'
    AND n.session_end >= (${f.from}::date::timestamp AT TIME ZONE z.timezone)
    AND n.session_end < ((${f.to}::date + 1)::timestamp AT TIME ZONE z.timezone)
    AND (NOT ${overdueOnly} OR n.session_end < now() - interval '48 hours')
    AND (${sites === 'all'} OR n.site_id = ANY (${sites === 'all' ? [] : sites}::uuid[]))
    AND (${f.siteId ?? null}::uuid IS NULL OR n.site_id = ${f.siteId ?? null}::uuid)
    AND (${f.providerId ?? null}::uuid IS NULL OR n.author_id = ${f.providerId ?? null}::uuid)`;
  const rows = await tx.$queryRaw<NoteRecordRow[]>`
    WITH z AS (SELECT timezone FROM pf_organizations WHERE id = ${organizationId}::uuid)
    SELECT n.id, n.patient_id, n.site_id, n.author_id, n.session_start, n.session_end, 0 AS total
    FROM cl_progress_notes n, z WHERE ${where}
    ORDER BY n.session_end, n.id LIMIT ${take} OFFSET ${skip}`;
  const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
    WITH z AS (SELECT timezone FROM pf_organizations WHERE id = ${organizationId}::uuid)
    SELECT count(*)::int AS n FROM cl_progress_notes n, z WHERE ${where}`;
  return { rows, total: n };
}
