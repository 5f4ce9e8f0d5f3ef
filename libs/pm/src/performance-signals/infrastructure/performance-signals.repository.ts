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

export interface AppointmentRecordRow {
  id: string;
  patient_id: string;
  site_id: string;
  provider_id: string;
  service_type: string;
  start_at: Date;
  end_at: Date;
  status: string;
  cancelled_by: string | null;
  total: number;
}

/**
 * The appointments behind an appointments.* drill-through: starting within [from, to] (the organization's calendar
 * days, through pm_appointments_productivity_idx), in `statuses` (all when null), at `sites` ('all' or a list; the
 * caller's row-level security narrows it further), optionally one site and one provider; one page, with the total.
 */
export async function appointmentRecords(
  tx: PmTx,
  organizationId: string,
  f: { from: string; to: string; siteId?: string; providerId?: string },
  statuses: string[] | null,
  sites: 'all' | string[],
  skip: number,
  take: number,
): Promise<AppointmentRecordRow[]> {
  return tx.$queryRaw<AppointmentRecordRow[]>`
    WITH z AS (SELECT timezone FROM pf_organizations WHERE id = ${organizationId}::uuid)
    SELECT a.id, a.patient_id, a.site_id, a.provider_id, a.service_type, a.start_at, a.end_at, a.status, a.cancelled_by,
           (count(*) OVER ())::int AS total
    FROM pm_appointments a, z
    WHERE a.organization_id = ${organizationId}::uuid
      AND a.start_at >= (${f.from}::date::timestamp AT TIME ZONE z.timezone)
      AND a.start_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE z.timezone)
      AND (${statuses}::text[] IS NULL OR a.status = ANY (${statuses}::text[]))
      AND (${sites === 'all'} OR a.site_id = ANY (${sites === 'all' ? [] : sites}::uuid[]))
      AND (${f.siteId ?? null}::uuid IS NULL OR a.site_id = ${f.siteId ?? null}::uuid)
      AND (${f.providerId ?? null}::uuid IS NULL OR a.provider_id = ${f.providerId ?? null}::uuid)
    ORDER BY a.start_at, a.id
    LIMIT ${take} OFFSET ${skip}`;
}

/** The count when the page is past the end (the window function has no row to carry it). */
export async function appointmentRecordCount(
  tx: PmTx,
  organizationId: string,
  f: { from: string; to: string; siteId?: string; providerId?: string },
  statuses: string[] | null,
  sites: 'all' | string[],
): Promise<number> {
  const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
    WITH z AS (SELECT timezone FROM pf_organizations WHERE id = ${organizationId}::uuid)
    SELECT count(*)::int AS n FROM pm_appointments a, z
    WHERE a.organization_id = ${organizationId}::uuid
      AND a.start_at >= (${f.from}::date::timestamp AT TIME ZONE z.timezone)
      AND a.start_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE z.timezone)
      AND (${statuses}::text[] IS NULL OR a.status = ANY (${statuses}::text[]))
      AND (${sites === 'all'} OR a.site_id = ANY (${sites === 'all' ? [] : sites}::uuid[]))
      AND (${f.siteId ?? null}::uuid IS NULL OR a.site_id = ${f.siteId ?? null}::uuid)
      AND (${f.providerId ?? null}::uuid IS NULL OR a.provider_id = ${f.providerId ?? null}::uuid)`;
  return n;
}
