import type { Client } from 'pg';

import type { DemoOrg, OrgSlug, SeedScale } from './demo-catalogue';

/**
 * Appointments (PM-03) and progress notes (CL-04) of the demo data, generated inside PostgreSQL with
 * INSERT ... SELECT over generate_series: a million rows are one statement per batch, not a million round
 * trips. Every value is a function of (seed, organization, index) through hashtextextended, never random(),
 * so the same seed always yields the same rows and ids (md5 of the same inputs), and a re-run inserts nothing.
 */

/** The service types every demo organization starts with, and the category each is reported under. */
export const DEMO_SERVICE_TYPES: readonly { code: string; name: string; category: string; peer: boolean; minutes: number }[] = [
  { code: 'psychotherapy-45', name: 'Psychotherapy, 45 minutes', category: 'Individual Therapy', peer: false, minutes: 45 },
  { code: 'psychotherapy-60', name: 'Psychotherapy, 60 minutes', category: 'Individual Therapy', peer: false, minutes: 60 },
  { code: 'family-therapy', name: 'Family therapy', category: 'Individual Therapy', peer: false, minutes: 50 },
  { code: 'group-therapy', name: 'Group therapy', category: 'Group Services', peer: false, minutes: 90 },
  { code: 'sud-iop-group', name: 'Substance use intensive outpatient group', category: 'Group Services', peer: false, minutes: 180 },
  { code: 'case-management', name: 'Case management', category: 'Case Management', peer: false, minutes: 30 },
  { code: 'intake-assessment', name: 'Intake assessment', category: 'Assessment', peer: false, minutes: 90 },
  { code: 'crisis-intervention', name: 'Crisis intervention', category: 'Other', peer: false, minutes: 60 },
  { code: 'peer-support', name: 'Peer support session', category: 'Peer Support', peer: true, minutes: 60 },
  { code: 'peer-recovery-group', name: 'Peer recovery group', category: 'Peer Support', peer: true, minutes: 90 },
];

/** Appointments per organization and scale; about 85% are completed and get a note. */
export const APPOINTMENTS_PER_ORG: Record<SeedScale, Record<OrgSlug, number>> = {
  small: { sonoran: 1200, cascade: 600 },
  medium: { sonoran: 40_000, cascade: 20_000 },
  large: { sonoran: 1_250_000, cascade: 60_000 },
};

/** The days the generated history spans: the 731 days before the demo's day ("today"), today excluded. */
export const SESSION_DAYS = 731;

/** The first day of the history for a demo anchored on `today` (YYYY-MM-DD): 731 days earlier. */
export function sessionsFrom(today: string): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - SESSION_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The demo's notional "now": noon of `today` in the organization's time zone. Today's appointments before it have
 * an outcome, those after it are still booked; a note whose signature would fall after it is still a draft. A
 * function of the date only, so a seed and a date give the same rows whenever the seed runs.
 */
export const DEMO_NOW_HOUR = 12;

const BATCH = 100_000;

export async function insertServiceTypes(client: Client, org: DemoOrg): Promise<number> {
  const r = await client.query(
    `INSERT INTO pm_service_types (organization_id, code, name, category)
     SELECT $1, code, name, category FROM unnest($2::text[], $3::text[], $4::text[]) AS t(code, name, category)
     ON CONFLICT DO NOTHING`,
    [org.id, DEMO_SERVICE_TYPES.map((s) => s.code), DEMO_SERVICE_TYPES.map((s) => s.name), DEMO_SERVICE_TYPES.map((s) => s.category)],
  );
  return r.rowCount ?? 0;
}

/**
 * Appointments [from, to) of one organization. Each picks a (patient, care-team clinician or peer) pair by
 * hash, a day in the two years, an hour slot, a service type suited to the provider's role, and a status
 * (78% completed, 5% no-show, 4% late cancellation by the patient, 6% cancelled, 7% completed), and in the
 * same statement (a data-modifying CTE) a progress note for each completed one it inserted.
 */
async function insertAppointments(
  client: Client,
  org: DemoOrg,
  seed: number,
  from: number,
  to: number,
  today: string,
): Promise<{ appointments: number; notes: number }> {
  const therapy = DEMO_SERVICE_TYPES.filter((s) => !s.peer);
  const peer = DEMO_SERVICE_TYPES.filter((s) => s.peer);
  const r = await client.query<{ appointments: number; notes: number }>(
    `WITH pairs AS (
       SELECT (row_number() OVER (ORDER BY a.patient_id, a.staff_user_id) - 1)::bigint AS idx, a.patient_id, p.site_id,
              a.staff_user_id AS provider_id, bool_and(b.role_key = 'peer_specialist') AS is_peer
       FROM cl_care_team_assignments a
       JOIN cl_patients p ON p.organization_id = a.organization_id AND p.id = a.patient_id
       JOIN pf_role_bindings b ON b.organization_id = a.organization_id AND b.staff_user_id = a.staff_user_id
                              AND b.role_key IN ('clinician', 'peer_specialist') AND b.revoked_at IS NULL
       WHERE a.organization_id = $1::uuid
       GROUP BY a.patient_id, p.site_id, a.staff_user_id
     ), n AS (SELECT count(*) AS c FROM pairs),
     g AS (
       SELECT i, (hashtextextended($1::text || ':' || $2::text || ':appt:' || i, 0) & 9223372036854775807) AS h
       FROM generate_series($3::bigint, $4::bigint - 1) AS i
     ),
     picked AS (
       SELECT g.i, g.h, pr.*, $5::date + ((g.h >> 8) % ${SESSION_DAYS})::int AS day, 8 + ((g.h >> 20) % 9)::int AS hour,
              ((g.h >> 28) % 100)::int AS roll, (g.h >> 36) AS st
       FROM g, n, pairs pr WHERE pr.idx = g.h % n.c
     ),
     typed AS (
       SELECT picked.*,
              CASE WHEN is_peer THEN ($6::text[])[1 + (st % ${peer.length})] ELSE ($7::text[])[1 + (st % ${therapy.length})] END AS service_type,
              CASE WHEN is_peer THEN ($8::int[])[1 + (st % ${peer.length})] ELSE ($9::int[])[1 + (st % ${therapy.length})] END AS minutes
       FROM picked
     )
     , appt AS (
     INSERT INTO pm_appointments (organization_id, id, site_id, provider_id, patient_id, service_type, start_at, end_at, status,
                                  cancelled_by, cancelled_at, status_changed_at, created_at, updated_at)
     SELECT $1::uuid, md5($1::text || ':' || $2::text || ':appt:' || i)::uuid, site_id, provider_id, patient_id, service_type,
            (day + make_interval(hours => hour)) AT TIME ZONE $10,
            (day + make_interval(hours => hour, mins => minutes)) AT TIME ZONE $10,
            CASE WHEN roll < 78 OR roll >= 93 THEN 'completed' WHEN roll < 83 THEN 'no_show' WHEN roll < 87 THEN 'late_cancelled' ELSE 'cancelled' END,
            CASE WHEN roll >= 83 AND roll < 93 THEN CASE WHEN roll < 90 THEN 'patient' ELSE 'clinic' END END,
            CASE WHEN roll >= 83 AND roll < 87 THEN (day + make_interval(hours => hour - 6)) AT TIME ZONE $10
                 WHEN roll >= 87 AND roll < 93 THEN (day - 3 + make_interval(hours => 10)) AT TIME ZONE $10 END,
            (day + make_interval(hours => hour + 1)) AT TIME ZONE $10,
            (day - 14 + make_interval(hours => 9)) AT TIME ZONE $10,
            (day + make_interval(hours => hour + 1)) AT TIME ZONE $10
     FROM typed
     ON CONFLICT DO NOTHING
     RETURNING organization_id, id, site_id, patient_id, provider_id, start_at, end_at, status
     ),
     -- A note for every completed appointment just inserted: signed by its provider after a lag drawn by hash
     -- (about 60% under 24 h, 25% 24-48 h, 15% 2-10 days); 2% are still drafts.
     lagged AS (
       SELECT appt.*, ((h >> 8) % 100)::int AS roll,
              CASE WHEN (h % 100) < 60 THEN (h >> 16) % 1440 WHEN (h % 100) < 85 THEN 1440 + (h >> 16) % 1440 ELSE 2880 + (h >> 16) % 11520 END AS lag_minutes
       FROM appt, LATERAL (SELECT (hashtextextended($1::text || ':' || $2::text || ':note:' || appt.id, 0) & 9223372036854775807) AS h) hh
       WHERE appt.status = 'completed'
     ),
     notes AS (
       INSERT INTO cl_progress_notes (organization_id, id, site_id, patient_id, appointment_id, author_id, session_start, session_end,
                                      status, body, signed_at, signed_by, created_at, updated_at)
       SELECT organization_id, md5($1::text || ':' || $2::text || ':note:' || id)::uuid, site_id, patient_id, id, provider_id, start_at, end_at,
              CASE WHEN unsigned THEN 'draft' ELSE 'signed' END,
              'Synthetic demo note: no real person or session.',
              CASE WHEN unsigned THEN NULL ELSE end_at + make_interval(mins => lag_minutes::int) END,
              CASE WHEN unsigned THEN NULL ELSE provider_id END,
              end_at, COALESCE(CASE WHEN unsigned THEN NULL ELSE end_at + make_interval(mins => lag_minutes::int) END, end_at)
       FROM (SELECT lagged.*,
                    -- 2% never signed; and a signature that would fall after the demo's now has not happened yet.
                    roll < 2 OR end_at + make_interval(mins => lag_minutes::int) > (($11::date + make_interval(hours => ${DEMO_NOW_HOUR})) AT TIME ZONE $10) AS unsigned
             FROM lagged) lagged
       ON CONFLICT DO NOTHING
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM appt)::int AS appointments, (SELECT count(*) FROM notes)::int AS notes`,
    [
      org.id,
      seed,
      from,
      to,
      sessionsFrom(today),
      peer.map((s) => s.code),
      therapy.map((s) => s.code),
      peer.map((s) => s.minutes),
      therapy.map((s) => s.minutes),
      org.timezone,
      today,
    ],
  );
  return r.rows[0]!;
}

/** Service types, appointments and notes for one organization, in transactions of BATCH appointments. */
export async function insertSessions(
  client: Client,
  org: DemoOrg,
  scale: SeedScale,
  seed: number,
  today: string,
  inTransaction: (work: () => Promise<void>) => Promise<void>,
  progress: (message: string) => void,
): Promise<{ serviceTypes: number; appointments: number; progressNotes: number }> {
  const out = { serviceTypes: 0, appointments: 0, progressNotes: 0 };
  await inTransaction(async () => {
    out.serviceTypes += await insertServiceTypes(client, org);
  });
  const total = APPOINTMENTS_PER_ORG[scale][org.slug as OrgSlug];
  for (let from = 0; from < total; from += BATCH) {
    const to = Math.min(total, from + BATCH);
    await inTransaction(async () => {
      const added = await insertAppointments(client, org, seed, from, to, today);
      out.appointments += added.appointments;
      out.progressNotes += added.notes;
    });
    if (total > BATCH)
      progress(`${org.name}: ${to.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} appointments with their notes`);
  }
  return out;
}
