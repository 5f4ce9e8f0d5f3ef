import { randomUUID } from 'node:crypto';

/** Anything that runs a parameterised query as the database owner (a pg Pool or Client). */
export interface OwnerQuery {
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface GroupSessionFixtureOptions {
  organizationId: string;
  siteId: string;
  /** The group's facilitator, who also creates the sessions and records the attendance. */
  facilitatorId: string;
  sessions: number;
  attendees: number;
  /** Names the patients ("<label> Attendee i"), the MRNs and the group, e.g. "Bench", "Chaos". */
  label: string;
  /** The first session's date (YYYY-MM-DD); the others follow one a day, over at most 300 days. */
  firstDate: string;
  /** Every n-th attendee arrived late (a partial 45-minute attendance, above the 30-minute minimum); 0: nobody. */
  partialEvery?: number;
}

/**
 * `attendees` new patients with charts at the site and `sessions` DRAFT sessions of one new psychotherapy group
 * with every patient's attendance recorded, written straight into the tables as the owner (setup for tests and
 * benchmarks of the group encounter pipeline: the facilitator then documents the sessions through the API).
 * Returns the sessions' ids in creation order.
 */
export async function insertGroupSessionFixtures(owner: OwnerQuery, opts: GroupSessionFixtureOptions): Promise<string[]> {
  const { organizationId: org, siteId: site, facilitatorId } = opts;
  const tag = randomUUID().slice(0, 8).toUpperCase();
  const patients = await owner.query<{ id: string; chart_id: string }>(
    `
    WITH p AS (
      INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth)
      SELECT $1::uuid, gen_random_uuid(), $2::uuid, $5, 'Attendee ' || i, DATE '1980-01-01' + i
      FROM generate_series(1, $3::int) AS i
      RETURNING id)
    INSERT INTO cl_charts (organization_id, id, patient_id, mrn)
    SELECT $1::uuid, gen_random_uuid(), p.id, upper($5) || '-' || $4 || '-' || row_number() OVER ()
    FROM p RETURNING patient_id AS id, id AS chart_id`,
    [org, site, opts.attendees, tag, opts.label],
  );
  const groupId = randomUUID();
  await owner.query(
    `INSERT INTO cl_groups (organization_id, id, site_id, name, group_type, sud_program, facilitator_ids, created_by)
     VALUES ($1, $2, $3, $4, 'psychotherapy_group', false, ARRAY[$5::uuid], $5)`,
    [org, groupId, site, `${opts.label} group ${tag}`, facilitatorId],
  );
  const sessions = await owner.query<{ id: string }>(
    `
    INSERT INTO cl_group_sessions (organization_id, id, group_id, site_id, session_date, start_time, end_time, facilitator_id, modality, note, created_by)
    SELECT $1::uuid, gen_random_uuid(), $2::uuid, $3::uuid, $6::date + ((i - 1) % 300), '10:00', '11:30', $4::uuid, 'in_person', $7, $4::uuid
    FROM generate_series(1, $5::int) AS i ORDER BY i RETURNING id`,
    [org, groupId, site, facilitatorId, opts.sessions, opts.firstDate, `${opts.label} session.`],
  );
  const partialEvery = opts.partialEvery ?? 0;
  await owner.query(
    `
    INSERT INTO cl_group_attendance (organization_id, id, session_id, site_id, patient_id, chart_id, status, minutes_attended, recorded_by)
    SELECT $1::uuid, gen_random_uuid(), s, $2::uuid, p.id, p.chart_id,
           CASE WHEN $7::int > 0 AND p.n % $7::int = 0 THEN 'partial' ELSE 'present' END,
           CASE WHEN $7::int > 0 AND p.n % $7::int = 0 THEN 45 ELSE 90 END, $3::uuid
    FROM unnest($4::uuid[]) AS s,
         unnest($5::uuid[], $6::uuid[]) WITH ORDINALITY AS p(id, chart_id, n)`,
    [
      org,
      site,
      facilitatorId,
      sessions.rows.map((r) => r.id),
      patients.rows.map((r) => r.id),
      patients.rows.map((r) => r.chart_id),
      partialEvery,
    ],
  );
  return sessions.rows.map((r) => r.id);
}
