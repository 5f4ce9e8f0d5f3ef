import type { Client } from 'pg';

import { DEMO_STAFF, type DemoOrg, type OrgSlug, type SeedScale } from './demo-catalogue';
import { DEMO_NOW_HOUR, DEMO_SERVICE_TYPES } from './demo-sessions';

/**
 * The demo's present (issue 16, item 12): today's schedule and the next seven days', so dashboards, the review
 * queue and the productivity report open on current figures. Generated inside PostgreSQL like the history
 * (demo-sessions.ts), every value a function of (seed, organization, day, index), ids md5 of the same: a seed and a
 * date give the same rows, and a re-run adds nothing.
 *
 * Today, relative to the demo's notional now (DEMO_NOW_HOUR, noon in the organization's time zone): appointments
 * that started before it have an outcome in every status (completed, checked in for the last hour before noon,
 * no-show, late-cancelled, cancelled); completed ones have a draft note (written, not signed yet); appointments
 * after it are booked (a few cancelled in advance). The next seven days are booked, a few cancelled. All between
 * a patient and a provider of their care team, between 08:00 and 17:00.
 */
export const TODAY_APPOINTMENTS_PER_DAY: Record<SeedScale, Record<OrgSlug, number>> = {
  small: { sonoran: 24, cascade: 12 },
  medium: { sonoran: 120, cascade: 60 },
  large: { sonoran: 600, cascade: 60 },
};

/** Days of schedule from today on: today and the next seven. */
export const SCHEDULE_DAYS = 8;

export async function insertTodaySchedule(
  client: Client,
  org: DemoOrg,
  scale: SeedScale,
  seed: number,
  today: string,
): Promise<{ appointments: number; notes: number }> {
  const therapy = DEMO_SERVICE_TYPES.filter((s) => !s.peer);
  const peer = DEMO_SERVICE_TYPES.filter((s) => s.peer);
  const perDay = TODAY_APPOINTMENTS_PER_DAY[scale][org.slug as OrgSlug];
  const r = await client.query<{ appointments: number; notes: number }>(
    `WITH pairs AS (
       SELECT (row_number() OVER (ORDER BY a.patient_id, a.staff_user_id) - 1)::bigint AS idx, a.patient_id, p.site_id,
              a.staff_user_id AS provider_id, bool_and(b.role_key = 'peer_specialist') AS is_peer
       FROM cl_care_team_assignments a
       JOIN cl_patients p ON p.organization_id = a.organization_id AND p.id = a.patient_id
       JOIN pf_role_bindings b ON b.organization_id = a.organization_id AND b.staff_user_id = a.staff_user_id
                              AND b.role_key IN ('clinician', 'peer_specialist') AND b.revoked_at IS NULL
       WHERE a.organization_id = $1::uuid AND a.ended_on IS NULL
       GROUP BY a.patient_id, p.site_id, a.staff_user_id
     ), n AS (SELECT count(*) AS c FROM pairs),
     g AS (
       SELECT d, i, ($3::date + d) AS day,
              (hashtextextended($1::text || ':' || $2::text || ':today:' || ($3::date + d)::text || ':' || i, 0) & 9223372036854775807) AS h
       FROM generate_series(0, ${SCHEDULE_DAYS - 1}) AS d, generate_series(0, $4::int - 1) AS i
     ),
     picked AS (
       SELECT g.*, pr.*, 8 + ((g.h >> 20) % 9)::int AS hour, ((g.h >> 28) % 100)::int AS roll, (g.h >> 36) AS st,
              (($3::date + make_interval(hours => ${DEMO_NOW_HOUR})) AT TIME ZONE $9) AS demo_now
       FROM g, n, pairs pr WHERE n.c > 0 AND pr.idx = g.h % n.c
     ),
     typed AS (
       SELECT picked.*,
              CASE WHEN is_peer THEN ($5::text[])[1 + (st % ${peer.length})] ELSE ($6::text[])[1 + (st % ${therapy.length})] END AS service_type,
              CASE WHEN is_peer THEN ($7::int[])[1 + (st % ${peer.length})] ELSE ($8::int[])[1 + (st % ${therapy.length})] END AS minutes,
              ((day + make_interval(hours => hour)) AT TIME ZONE $9) AS start_at
       FROM picked
     ),
     decided AS (
       SELECT typed.*,
              CASE
                WHEN start_at < demo_now AND hour = ${DEMO_NOW_HOUR - 1} THEN 'checked_in'
                WHEN start_at < demo_now THEN
                  CASE WHEN roll < 70 THEN 'completed' WHEN roll < 80 THEN 'no_show' WHEN roll < 90 THEN 'late_cancelled' ELSE 'cancelled' END
                ELSE CASE WHEN roll < 92 THEN 'scheduled' ELSE 'cancelled' END
              END AS status
       FROM typed
     ),
     appt AS (
       INSERT INTO pm_appointments (organization_id, id, site_id, provider_id, patient_id, service_type, start_at, end_at, status,
                                    cancelled_by, cancelled_at, status_changed_at, created_at, updated_at)
       SELECT $1::uuid, md5($1::text || ':' || $2::text || ':today:' || day::text || ':' || i)::uuid, site_id, provider_id, patient_id,
              service_type, start_at, start_at + make_interval(mins => minutes), status,
              CASE WHEN status IN ('cancelled', 'late_cancelled') THEN CASE WHEN roll % 2 = 0 THEN 'patient' ELSE 'clinic' END END,
              CASE WHEN status = 'late_cancelled' THEN start_at - interval '6 hours'
                   WHEN status = 'cancelled' THEN LEAST(start_at, demo_now) - interval '2 days' END,
              CASE WHEN status IN ('completed', 'no_show', 'checked_in') THEN LEAST(start_at + interval '1 hour', demo_now)
                   WHEN status = 'late_cancelled' THEN start_at - interval '6 hours'
                   WHEN status = 'cancelled' THEN LEAST(start_at, demo_now) - interval '2 days'
                   ELSE LEAST(start_at, demo_now) - interval '10 days' END,
              LEAST(start_at, demo_now) - interval '10 days',
              demo_now
       FROM decided
       ON CONFLICT DO NOTHING
       RETURNING organization_id, id, site_id, patient_id, provider_id, start_at, end_at, status
     ),
     notes AS (
       INSERT INTO cl_progress_notes (organization_id, id, site_id, patient_id, appointment_id, author_id, session_start, session_end,
                                      status, body, created_at, updated_at)
       SELECT organization_id, md5($1::text || ':' || $2::text || ':note:' || id)::uuid, site_id, patient_id, id, provider_id, start_at, end_at,
              'draft', 'Synthetic demo note: no real person or session.', end_at, end_at
       FROM appt WHERE status = 'completed'
       ON CONFLICT DO NOTHING
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM appt)::int AS appointments, (SELECT count(*) FROM notes)::int AS notes`,
    [
      org.id,
      seed,
      today,
      perDay,
      peer.map((s) => s.code),
      therapy.map((s) => s.code),
      peer.map((s) => s.minutes),
      therapy.map((s) => s.minutes),
      org.timezone,
    ],
  );
  return r.rows[0]!;
}

/**
 * The site working hours the utilisation and diary-gap signals need (pm_site_working_hours; ISO weekday 1 =
 * Monday): every demo site Monday to Friday 08:00-17:00, Flagstaff Monday to Thursday 08:00-18:00. Fixed data.
 */
export const DEMO_WORKING_HOURS: Record<string, Array<{ weekday: number; opensAt: string; closesAt: string }>> = {
  default: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '17:00' })),
  FLG: [1, 2, 3, 4].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '18:00' })),
};

/** Each organization's monthly peer supervision requirement (cl_peer_settings.monthly_supervision_minutes): 4 hours. */
export const DEMO_MONTHLY_SUPERVISION_MINUTES = 240;

export async function insertWorkingHoursAndRequirements(client: Client, org: DemoOrg): Promise<number> {
  let n = 0;
  for (const site of org.sites) {
    const hours = DEMO_WORKING_HOURS[site.code] ?? DEMO_WORKING_HOURS['default']!;
    const r = await client.query(
      `INSERT INTO pm_site_working_hours (organization_id, site_id, weekday, opens_at, closes_at)
       SELECT $1, $2, w, o::time, c::time FROM unnest($3::int[], $4::text[], $5::text[]) AS t(w, o, c)
       ON CONFLICT DO NOTHING`,
      [org.id, site.id, hours.map((h) => h.weekday), hours.map((h) => h.opensAt), hours.map((h) => h.closesAt)],
    );
    n += r.rowCount ?? 0;
  }
  const admin = DEMO_STAFF.find((s) => s.email === `admin@${org.slug}.cairn.test`)!;
  await client.query(
    `INSERT INTO cl_peer_settings (organization_id, use_pf15, updated_by, monthly_supervision_minutes)
     VALUES ($1, true, $2, $3)
     ON CONFLICT (organization_id) DO UPDATE SET monthly_supervision_minutes = COALESCE(cl_peer_settings.monthly_supervision_minutes, EXCLUDED.monthly_supervision_minutes)`,
    [org.id, admin.id, DEMO_MONTHLY_SUPERVISION_MINUTES],
  );
  return n;
}
