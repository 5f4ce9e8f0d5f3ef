import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { verify } from '@node-rs/argon2';
import { Client } from 'pg';

import { applyMigrations } from '../db/migrations';
import { dropDatabase, provisionDatabase } from '../db/provision';
import {
  DEMO_CLINICIAN,
  DEMO_CLINICIAN_CASELOAD,
  DEMO_CONSULTANT_EMAIL,
  DEMO_LOGINS,
  DEMO_ORG_LIST,
  DEMO_ORGS,
  DEMO_PASSWORD,
  DEMO_SITES,
  DEMO_STAFF,
  ROLE_KEYS,
} from './demo-catalogue';
import { DEMO_FEE_SCHEDULE } from './demo-fee-schedule';
import { DEMO_TEST_TODAY, PATIENTS_PER_ORG, seedDemoData, SeedTableCounts } from './seed-demo-data';

/**
 * The seed against real scratch databases (created here, dropped afterwards): the shared test database is
 * left alone because other suites add patients to it while this one runs.
 */
const serverAdminUrl = process.env['TEST_SERVER_ADMIN_URL']!;
const stamp = `${process.pid}_${Date.now().toString(36)}`;
const names = { a: `cairn_seed_a_${stamp}`, b: `cairn_seed_b_${stamp}`, c: `cairn_seed_c_${stamp}` };
const urls: Record<keyof typeof names, string> = { a: '', b: '', c: '' };
const clients: Client[] = [];

async function connect(url: string): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  clients.push(c);
  return c;
}

async function tableCounts(c: Client): Promise<Record<string, number>> {
  const tables = [
    'pf_organizations',
    'pf_sites',
    'pf_staff_users',
    'pf_role_bindings',
    'cl_patients',
    'cl_charts',
    'cl_care_team_assignments',
    'cl_mrn_counters',
    'pf_organization_codes',
    'cl_part2_consents',
    'cl_groups',
    'cl_group_sessions',
    'cl_group_attendance',
    'pf_outbox_events',
    'pm_fee_schedule_entries',
    'cl_peer_encounters',
    'cl_peer_encounter_addenda',
    'pm_encounters',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n;
  return out;
}

const patientsQuery = `SELECT p.id, p.organization_id, p.site_id, p.first_name, p.last_name, p.date_of_birth::text AS dob, c.mrn, c.is_part2
  FROM cl_patients p JOIN cl_charts c ON c.organization_id = p.organization_id AND c.patient_id = p.id ORDER BY p.id`;

let a: Client;

beforeAll(async () => {
  for (const key of ['a', 'b', 'c'] as const)
    urls[key] = (await provisionDatabase({ adminUrl: serverAdminUrl, database: names[key] })).ownerUrl;
  await applyMigrations(urls.a);
  await applyMigrations(urls.b);
  a = await connect(urls.a);
  await seedDemoData({ ownerUrl: urls.a, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
  for (const name of Object.values(names)) await dropDatabase(serverAdminUrl, name);
});

describe('seedDemoData', () => {
  it('loads the demo fee schedule, with Sonoran lacking H2017 so its charges for that code go on hold', async () => {
    expect((await tableCounts(a))['pm_fee_schedule_entries']).toBe(DEMO_FEE_SCHEDULE.length);
    const { rows } = await a.query<{ slug: string; codes: string[] }>(
      `SELECT o.slug, array_agg(DISTINCT f.code ORDER BY f.code) AS codes FROM pm_fee_schedule_entries f JOIN pf_organizations o ON o.id = f.organization_id GROUP BY o.slug ORDER BY o.slug`,
    );
    expect(rows.find((r) => r.slug === 'sonoran')!.codes).not.toContain('H2017');
    expect(rows.find((r) => r.slug === 'cascade')!.codes).toContain('H2017');
  });

  it('adds nothing when run again with the same scale and seed', async () => {
    const before = await tableCounts(a);
    const patientsBefore = (await a.query(patientsQuery)).rows;
    const again = await seedDemoData({ ownerUrl: urls.a, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });
    const zero: SeedTableCounts = {
      organizations: 0,
      sites: 0,
      staffUsers: 0,
      roleBindings: 0,
      patients: 0,
      charts: 0,
      careTeamAssignments: 0,
      organizationCodes: 0,
      part2Consents: 0,
      serviceTypes: 0,
      appointments: 0,
      progressNotes: 0,
      groups: 0,
      groupSessions: 0,
      groupAttendance: 0,
      groupSessionEvents: 0,
      feeScheduleEntries: 0,
      peerSupervision: 0,
      peerEncounters: 0,
      peerEncounterEvents: 0,
      portalCareRows: 0,
    };
    expect(again.inserted).toEqual(zero);
    expect(await tableCounts(a)).toEqual(before);
    expect((await a.query(patientsQuery)).rows).toEqual(patientsBefore);
    expect(before['cl_patients']).toBe(2 * PATIENTS_PER_ORG.small);
  });

  it('is anchored on its day: two years of history before it, its schedule in every status, the next week booked', async () => {
    // DEMO_TEST_TODAY is 2026-01-01; Sonoran's time zone is America/Phoenix (UTC-7, no DST); the demo's now is noon.
    const sonoran = DEMO_ORGS.sonoran.id;
    const { rows: days } = await a.query(
      `SELECT (start_at AT TIME ZONE 'America/Phoenix')::date::text AS day, start_at < '2026-01-01T12:00:00-07:00' AS before_noon,
              array_agg(DISTINCT status ORDER BY status) AS statuses, count(*)::int AS n
       FROM pm_appointments WHERE organization_id = $1 AND start_at >= '2025-12-31T00:00:00-07:00'
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [sonoran],
    );
    const at = (day: string, beforeNoon: boolean) => days.find((d) => d.day === day && d.before_noon === beforeNoon);
    // The history ends the day before; today's morning has outcomes, its afternoon and the next week are booked.
    expect(
      at('2026-01-01', true)!.statuses.every((s: string) =>
        ['completed', 'checked_in', 'no_show', 'late_cancelled', 'cancelled'].includes(s),
      ),
    ).toBe(true);
    expect(at('2026-01-01', true)!.statuses).toEqual(expect.arrayContaining(['completed', 'checked_in']));
    const later = days.filter((d) => d.day > '2026-01-01' || (d.day === '2026-01-01' && !d.before_noon));
    expect(later.map((d) => d.day)).toEqual(expect.arrayContaining(['2026-01-02', '2026-01-08']));
    expect(later.every((d) => d.statuses.every((s: string) => ['scheduled', 'cancelled'].includes(s)))).toBe(true);
    expect(days.some((d) => d.day > '2026-01-08')).toBe(false);
    const { rows: range } = await a.query(
      `SELECT min(start_at AT TIME ZONE 'America/Phoenix')::date::text AS first FROM pm_appointments WHERE organization_id = $1`,
      [sonoran],
    );
    expect(range[0].first).toBe('2024-01-01');
    // Nothing was signed after the demo's now, and today's completed sessions have a draft note.
    const { rows: notes } = await a.query(
      `SELECT count(*) FILTER (WHERE signed_at > '2026-01-01T12:00:00-07:00')::int AS signed_later,
              count(*) FILTER (WHERE status = 'draft' AND session_end >= '2026-01-01T00:00:00-07:00')::int AS drafts_today
       FROM cl_progress_notes WHERE organization_id = $1`,
      [sonoran],
    );
    expect(notes[0]).toEqual({ signed_later: 0, drafts_today: expect.any(Number) });
    expect(notes[0].drafts_today).toBeGreaterThan(0);
    // Utilisation has working hours to measure against; supervision a monthly requirement.
    const { rows: hours } = await a.query(`SELECT count(DISTINCT site_id)::int AS sites FROM pm_site_working_hours`);
    expect(hours[0].sites).toBe(5);
    const { rows: settings } = await a.query(`SELECT monthly_supervision_minutes FROM cl_peer_settings ORDER BY organization_id`);
    expect(settings.map((r) => r.monthly_supervision_minutes)).toEqual([240, 240]);
  });

  it('loads identical patients, names and MRNs for the same seed into another database', async () => {
    const summary = await seedDemoData({ ownerUrl: urls.b, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });
    expect(summary.inserted.patients).toBe(2 * PATIENTS_PER_ORG.small);
    const b = await connect(urls.b);
    expect((await b.query(patientsQuery)).rows).toEqual((await a.query(patientsQuery)).rows);
  });

  it('adds other patients for another seed (through the CLI) to the same organizations, sites and staff, continuing the MRNs', async () => {
    const b = await connect(urls.b);
    const seed1 = new Set((await b.query<{ id: string }>('SELECT id FROM cl_patients')).rows.map((r) => r.id));
    const cli = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, 'cli.ts'), '--scale', 'small', '--seed', '2', '--today', DEMO_TEST_TODAY],
      {
        env: { ...process.env, DATABASE_OWNER_URL: urls.b },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(`Seeding demo data (scale small, seed 2, anchored on ${DEMO_TEST_TODAY})`);
    expect(cli.stdout).toContain(`clinician@sonoran.cairn.test`);

    const all = (await b.query<{ id: string }>('SELECT id FROM cl_patients')).rows.map((r) => r.id);
    expect(all).toHaveLength(4 * PATIENTS_PER_ORG.small);
    expect(all.filter((id) => !seed1.has(id))).toHaveLength(2 * PATIENTS_PER_ORG.small);
    const orgs = (await b.query<{ id: string; slug: string }>('SELECT id, slug FROM pf_organizations ORDER BY slug')).rows;
    expect(orgs).toEqual(DEMO_ORG_LIST.map((o) => ({ id: o.id, slug: o.slug })).sort((x, y) => x.slug.localeCompare(y.slug)));
    expect((await b.query('SELECT count(*)::int AS n FROM pf_staff_users')).rows[0].n).toBe(DEMO_STAFF.length);

    // MRNs 1..80 per organization without gaps or duplicates, and the counter just past the highest.
    const mrns = await b.query<{ prefix: string; n: number; distinct_n: number; max: string; next_value: string }>(
      `SELECT split_part(c.mrn, '-', 1) AS prefix, count(*)::int AS n, count(DISTINCT c.mrn)::int AS distinct_n, max(c.mrn) AS max, k.next_value::text
         FROM cl_charts c JOIN cl_mrn_counters k ON k.organization_id = c.organization_id GROUP BY 1, k.next_value ORDER BY 1`,
    );
    expect(mrns.rows).toEqual([
      { prefix: 'CAS', n: 80, distinct_n: 80, max: 'CAS-000080', next_value: '81' },
      { prefix: 'SON', n: 80, distinct_n: 80, max: 'SON-000080', next_value: '81' },
    ]);
  });

  it('creates the demo logins with their roles and site limits, sharing one argon2id hash of demo-password-1', async () => {
    const { rows } = await a.query<{
      email: string;
      id: string;
      slug: string;
      role_key: string;
      all_sites: boolean;
      site_ids: string[];
      password_hash: string;
    }>(
      `SELECT u.email, u.id, o.slug, b.role_key, b.all_sites, b.site_ids, u.password_hash
         FROM pf_staff_users u JOIN pf_role_bindings b ON b.staff_user_id = u.id JOIN pf_organizations o ON o.id = b.organization_id
        WHERE u.email = ANY($1::text[]) AND b.revoked_at IS NULL`,
      [DEMO_LOGINS.map((l) => l.email)],
    );
    for (const login of DEMO_LOGINS) {
      const row = rows.find((r) => r.email === login.email);
      expect(row).toMatchObject({ id: login.id, slug: login.org, role_key: login.role, all_sites: login.sites === 'all' });
      if (login.sites !== 'all')
        expect(row!.site_ids).toEqual(login.sites.map((code) => Object.values(DEMO_SITES).find((s) => s.code === code)!.id));
    }
    expect(rows.find((r) => r.email === 'frontdesk@sonoran.cairn.test')!.site_ids).toEqual([DEMO_SITES.tucsonCentral.id]);
    const hashes = new Set(rows.map((r) => r.password_hash));
    expect(hashes.size).toBe(1);
    const [hash] = [...hashes];
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verify(hash!, DEMO_PASSWORD)).toBe(true);
    expect(await verify(hash!, 'demo-password-2')).toBe(false);
  });

  it('has staff of every role in both organizations, a consultant in both, and a supervisor limited to two sites', async () => {
    const { rows } = await a.query<{ slug: string; roles: string[] }>(
      `SELECT o.slug, array_agg(DISTINCT b.role_key ORDER BY b.role_key) AS roles FROM pf_role_bindings b JOIN pf_organizations o ON o.id = b.organization_id GROUP BY o.slug`,
    );
    for (const r of rows) expect(r.roles).toEqual([...ROLE_KEYS].sort());
    expect(rows).toHaveLength(2);
    const consultant = await a.query<{ slug: string }>(
      `SELECT o.slug FROM pf_role_bindings b JOIN pf_organizations o ON o.id = b.organization_id JOIN pf_staff_users u ON u.id = b.staff_user_id
        WHERE u.email = $1 ORDER BY o.slug`,
      [DEMO_CONSULTANT_EMAIL],
    );
    expect(consultant.rows.map((r) => r.slug)).toEqual(['cascade', 'sonoran']);
    const north = await a.query<{ all_sites: boolean; site_ids: string[] }>(
      `SELECT b.all_sites, b.site_ids FROM pf_role_bindings b JOIN pf_staff_users u ON u.id = b.staff_user_id WHERE u.email = 'supervisor.north@sonoran.cairn.test'`,
    );
    expect(north.rows).toEqual([{ all_sites: false, site_ids: [DEMO_SITES.phoenixMidtown.id, DEMO_SITES.flagstaff.id] }]);
  });

  it('makes the demo clinician primary therapist of exactly the known Tucson Central patients and of no one else', async () => {
    const { rows } = await a.query<{ role: string; site_id: string; ended_on: string | null; team_size: number }>(
      `SELECT a.role, p.site_id, a.ended_on::text,
              (SELECT count(*)::int FROM cl_care_team_assignments x WHERE x.patient_id = p.id) AS team_size
         FROM cl_care_team_assignments a JOIN cl_patients p ON p.organization_id = a.organization_id AND p.id = a.patient_id
         JOIN pf_staff_users u ON u.id = a.staff_user_id WHERE u.email = $1`,
      [DEMO_CLINICIAN.email],
    );
    expect(rows).toHaveLength(DEMO_CLINICIAN_CASELOAD.small);
    expect(
      rows.every(
        (r) => r.role === 'primary_therapist' && r.site_id === DEMO_SITES.tucsonCentral.id && r.ended_on === null && r.team_size === 1,
      ),
    ).toBe(true);
    const unassigned = await a.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cl_patients p WHERE p.organization_id = $1 AND p.site_id = $2
          AND NOT EXISTS (SELECT 1 FROM cl_care_team_assignments x JOIN pf_staff_users u ON u.id = x.staff_user_id WHERE x.patient_id = p.id AND u.email = $3)`,
      [DEMO_SITES.tucsonCentral.organizationId, DEMO_SITES.tucsonCentral.id, DEMO_CLINICIAN.email],
    );
    expect(unassigned.rows[0]!.n).toBeGreaterThan(0);
  });

  it('gives every patient a chart and a current primary therapist, some Part 2 charts with programs, and some ended assignments', async () => {
    const { rows } = await a.query<{
      patients: number;
      charts: number;
      with_primary: number;
      part2: number;
      part2_named: number;
      ended_past: number;
      ended_future: number;
    }>(
      `SELECT (SELECT count(*)::int FROM cl_patients) AS patients,
              (SELECT count(*)::int FROM cl_charts) AS charts,
              (SELECT count(DISTINCT patient_id)::int FROM cl_care_team_assignments WHERE role = 'primary_therapist') AS with_primary,
              (SELECT count(*)::int FROM cl_charts WHERE is_part2) AS part2,
              (SELECT count(*)::int FROM cl_charts WHERE is_part2 AND part2_program_name IS NOT NULL) AS part2_named,
              (SELECT count(*)::int FROM cl_care_team_assignments WHERE ended_on < current_date) AS ended_past,
              (SELECT count(*)::int FROM cl_care_team_assignments WHERE ended_on >= current_date OR started_on > current_date) AS ended_future`,
    );
    const r = rows[0]!;
    expect(r.charts).toBe(r.patients);
    expect(r.with_primary).toBe(r.patients);
    expect(r.part2).toBeGreaterThan(r.patients * 0.1);
    expect(r.part2).toBeLessThan(r.patients * 0.35);
    expect(r.part2_named).toBe(r.part2);
    expect(r.ended_past).toBeGreaterThan(0);
    expect(r.ended_future).toBe(0);
  });

  it("sets the organizations' jurisdictions, a Sonoran contract code, and Part 2 consents for some Part 2 charts only", async () => {
    const orgs = await a.query<{ slug: string; jurisdiction: string }>('SELECT slug, jurisdiction FROM pf_organizations ORDER BY slug');
    expect(orgs.rows).toEqual([
      { slug: 'cascade', jurisdiction: 'OR' },
      { slug: 'sonoran', jurisdiction: 'AZ' },
    ]);
    const codes = await a.query<{ code: string }>('SELECT code FROM pf_organization_codes WHERE organization_id = $1', [
      DEMO_SITES.tucsonCentral.organizationId,
    ]);
    expect(codes.rows.map((r) => r.code)).toEqual(['T1016']);
    const { rows } = await a.query<{ on_plain: number; part2_with: number; part2_without: number; active_tpo: number; revoked: number }>(
      `SELECT (SELECT count(*)::int FROM cl_part2_consents k JOIN cl_charts c ON c.organization_id = k.organization_id AND c.id = k.chart_id WHERE NOT c.is_part2) AS on_plain,
              (SELECT count(*)::int FROM cl_charts c WHERE c.is_part2 AND EXISTS (SELECT 1 FROM cl_part2_consents k WHERE k.chart_id = c.id)) AS part2_with,
              (SELECT count(*)::int FROM cl_charts c WHERE c.is_part2 AND NOT EXISTS (SELECT 1 FROM cl_part2_consents k WHERE k.chart_id = c.id)) AS part2_without,
              (SELECT count(*)::int FROM cl_part2_consents WHERE consent_type = 'tpo' AND revoked_at IS NULL) AS active_tpo,
              (SELECT count(*)::int FROM cl_part2_consents WHERE revoked_at IS NOT NULL) AS revoked`,
    );
    expect(rows[0]).toMatchObject({ on_plain: 0 });
    expect(rows[0]!.part2_with).toBeGreaterThan(0);
    expect(rows[0]!.part2_without).toBeGreaterThan(0);
    expect(rows[0]!.active_tpo).toBeGreaterThan(0);
    expect(rows[0]!.revoked).toBeGreaterThan(0);
  });

  it('loads therapy groups with sessions in every state, and the documented event of each documented session', async () => {
    const groups = await a.query<{ slug: string; group_type: string; sud_program: boolean; n: number }>(
      `SELECT o.slug, g.group_type, g.sud_program, count(*)::int AS n FROM cl_groups g JOIN pf_organizations o ON o.id = g.organization_id
        GROUP BY 1, 2, 3 ORDER BY 1, 2`,
    );
    for (const slug of ['cascade', 'sonoran']) {
      expect(groups.rows.filter((r) => r.slug === slug).map((r) => [r.group_type, r.sud_program])).toEqual([
        ['multi_family_group', false],
        ['psychotherapy_group', false],
        ['sud_group_counseling', true],
      ]);
    }
    const states = await a.query<{ slug: string; documented: number; draft_with: number; draft_without: number }>(
      `SELECT o.slug,
              count(*) FILTER (WHERE s.status = 'documented')::int AS documented,
              count(*) FILTER (WHERE s.status = 'draft' AND EXISTS (SELECT 1 FROM cl_group_attendance x WHERE x.session_id = s.id))::int AS draft_with,
              count(*) FILTER (WHERE s.status = 'draft' AND NOT EXISTS (SELECT 1 FROM cl_group_attendance x WHERE x.session_id = s.id))::int AS draft_without
         FROM cl_group_sessions s JOIN pf_organizations o ON o.id = s.organization_id GROUP BY 1 ORDER BY 1`,
    );
    expect(states.rows).toEqual([
      { slug: 'cascade', documented: 12, draft_with: 3, draft_without: 3 },
      { slug: 'sonoran', documented: 12, draft_with: 3, draft_without: 3 },
    ]);
    // Every documented session has 4-8 attendees (one partial under 30 minutes, one absent) drawn from its site's
    // patients with charts, and exactly one outbox row whose payload lists exactly that attendance.
    const documented = await a.query<{
      id: string;
      organization_id: string;
      site_id: string;
      group_type: string;
      sud_program: boolean;
      start_time: string;
      end_time: string;
      facilitator_id: string;
      documented_at: Date;
    }>(
      `SELECT s.id, s.organization_id, s.site_id, g.group_type, g.sud_program, s.start_time, s.end_time, s.facilitator_id, s.documented_at
         FROM cl_group_sessions s JOIN cl_groups g ON g.organization_id = s.organization_id AND g.id = s.group_id WHERE s.status = 'documented'`,
    );
    for (const s of documented.rows) {
      const att = await a.query<{ patient_id: string; chart_id: string; status: string; minutes_attended: number; site_ok: boolean }>(
        `SELECT x.patient_id, x.chart_id, x.status, x.minutes_attended, (p.site_id = x.site_id AND c.id = x.chart_id) AS site_ok
           FROM cl_group_attendance x JOIN cl_patients p ON p.id = x.patient_id JOIN cl_charts c ON c.patient_id = x.patient_id WHERE x.session_id = $1`,
        [s.id],
      );
      expect(att.rows.length).toBeGreaterThanOrEqual(4);
      expect(att.rows.length).toBeLessThanOrEqual(8);
      expect(att.rows.every((r) => r.site_ok)).toBe(true);
      expect(att.rows.filter((r) => r.status === 'partial' && r.minutes_attended < 30)).toHaveLength(1);
      expect(att.rows.filter((r) => r.status === 'absent' && r.minutes_attended === 0)).toHaveLength(1);
      const events = await a.query<{ organization_id: string; payload: Record<string, any>; occurred_at: Date }>(
        `SELECT organization_id, payload, occurred_at FROM pf_outbox_events WHERE event_type = 'cl_group_session_documented.v1' AND payload->>'session_id' = $1`,
        [s.id],
      );
      expect(events.rows).toHaveLength(1);
      const { payload } = events.rows[0]!;
      expect(payload).toMatchObject({
        organization_id: s.organization_id,
        site_id: s.site_id,
        group_type: s.group_type,
        sud_program: s.sud_program,
        start_time: s.start_time,
        end_time: s.end_time,
        facilitator_id: s.facilitator_id,
        documented_by: s.facilitator_id,
        documented_at: s.documented_at.toISOString(),
      });
      expect(Object.keys(payload).sort()).toEqual([
        'attendees',
        'documented_at',
        'documented_by',
        'duration_minutes',
        'end_time',
        'facilitator_id',
        'group_id',
        'group_type',
        'modality',
        'organization_id',
        'session_date',
        'session_id',
        'site_id',
        'start_time',
        'sud_program',
      ]);
      const byPatient = (x: { patient_id: string }, y: { patient_id: string }) => x.patient_id.localeCompare(y.patient_id);
      expect([...payload['attendees']].sort(byPatient)).toEqual(
        att.rows
          .map((r) => ({
            patient_id: r.patient_id,
            chart_id: r.chart_id,
            attendance_status: r.status,
            minutes_attended: r.minutes_attended,
          }))
          .sort(byPatient),
      );
    }
    // Drafts publish nothing; the SUD groups' rosters hold Part 2 charts with and without a consent covering group encounters.
    const stray = await a.query(
      `SELECT 1 FROM pf_outbox_events e JOIN cl_group_sessions s ON s.id::text = e.payload->>'session_id' WHERE s.status = 'draft'`,
    );
    expect(stray.rows).toHaveLength(0);
    const sud = await a.query<{ slug: string; with_consent: number; without_consent: number }>(
      `SELECT o.slug,
              count(DISTINCT x.patient_id) FILTER (WHERE c.is_part2 AND EXISTS (SELECT 1 FROM cl_part2_consents k WHERE k.chart_id = c.id AND k.revoked_at IS NULL
                 AND (k.expires_on IS NULL OR k.expires_on >= current_date) AND ('*' = ANY (k.record_types) OR 'group_encounter' = ANY (k.record_types))))::int AS with_consent,
              count(DISTINCT x.patient_id) FILTER (WHERE c.is_part2 AND NOT EXISTS (SELECT 1 FROM cl_part2_consents k WHERE k.chart_id = c.id AND k.revoked_at IS NULL
                 AND (k.expires_on IS NULL OR k.expires_on >= current_date) AND ('*' = ANY (k.record_types) OR 'group_encounter' = ANY (k.record_types))))::int AS without_consent
         FROM cl_group_attendance x JOIN cl_group_sessions s ON s.id = x.session_id JOIN cl_groups g ON g.id = s.group_id AND g.sud_program
         JOIN cl_charts c ON c.id = x.chart_id JOIN pf_organizations o ON o.id = x.organization_id GROUP BY 1 ORDER BY 1`,
    );
    expect(sud.rows).toHaveLength(2);
    for (const r of sud.rows) {
      expect(r.with_consent).toBeGreaterThan(0);
      expect(r.without_consent).toBeGreaterThan(0);
    }
  });

  it('loads peer encounters of the demo peers in every state, finalized ones with their PM encounter and event', async () => {
    const { rows } = await a.query<{
      email: string;
      status: string;
      hcpcs_code: string;
      is_part2: boolean;
      consented: boolean;
      addenda: number;
      pm: number;
      events: number;
    }>(
      `SELECT u.email, e.status, e.hcpcs_code, c.is_part2,
              (SELECT cl_check_sud_consent(e.chart_id, 'peer_encounter', e.peer_provider_id)
                 FROM (SELECT set_config('app.org_id', e.organization_id::text, true)) AS ctx) AS consented,
              (SELECT count(*)::int FROM cl_peer_encounter_addenda d WHERE d.peer_encounter_id = e.id) AS addenda,
              (SELECT count(*)::int FROM pm_encounters m WHERE m.id = e.encounter_id AND m.source_id = e.id AND m.encounter_type = 'peer') AS pm,
              (SELECT count(*)::int FROM pf_outbox_events o WHERE o.event_type = 'peer_encounter_finalized.v1' AND o.payload->>'peer_encounter_id' = e.id::text) AS events
         FROM cl_peer_encounters e JOIN pf_staff_users u ON u.id = e.peer_provider_id JOIN cl_charts c ON c.id = e.chart_id
        ORDER BY u.email, e.service_date`,
    );
    expect(new Set(rows.map((r) => r.email))).toEqual(
      new Set(['peer.flagstaff@sonoran.cairn.test', 'peer@cascade.cairn.test', 'peer@sonoran.cairn.test']),
    );
    expect(rows.some((r) => r.status === 'draft' && !r.is_part2)).toBe(true);
    expect(rows.some((r) => r.status === 'finalized' && r.addenda === 1)).toBe(true);
    expect(rows.some((r) => r.is_part2 && r.consented && r.status === 'finalized')).toBe(true);
    expect(rows.some((r) => r.is_part2 && !r.consented)).toBe(true);
    for (const r of rows) expect([r.pm, r.events]).toEqual(r.status === 'finalized' ? [1, 1] : [0, 0]);
  });

  it('refuses a database the migrations have not reached, naming the command that fixes it', async () => {
    await expect(seedDemoData({ ownerUrl: urls.c, scale: 'small' })).rejects.toThrow(/lacks .*pf_organizations.*npm run db:migrate/);
  });

  it('refuses, and writes nothing, when a demo email belongs to another user', async () => {
    await applyMigrations(urls.c);
    const c = await connect(urls.c);
    await c.query(
      `INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES (gen_random_uuid(), 'admin@sonoran.cairn.test', 'Someone else', 'x')`,
    );
    await expect(seedDemoData({ ownerUrl: urls.c, scale: 'small' })).rejects.toThrow(
      'staff user admin@sonoran.cairn.test already exist(s) with another id',
    );
    expect(await tableCounts(c)).toMatchObject({ pf_organizations: 0, pf_staff_users: 1, cl_patients: 0 });
  });

  it('rejects an unknown scale or a bad seed before touching the database', async () => {
    await expect(seedDemoData({ ownerUrl: 'postgresql://nobody@127.0.0.1:1/none', scale: 'huge' as never })).rejects.toThrow(
      'unknown scale "huge"',
    );
    await expect(seedDemoData({ ownerUrl: 'postgresql://nobody@127.0.0.1:1/none', scale: 'small', seed: 1.5 })).rejects.toThrow(RangeError);
  });

  it('exits with 2 and a clear message on an unknown scale or without a database URL', () => {
    const run = (args: string[], env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'cli.ts'), ...args], {
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const { DATABASE_URL: _u, DATABASE_OWNER_URL: _o, ...bare } = process.env;
    const badScale = run(['--scale', 'huge'], { ...process.env, DATABASE_OWNER_URL: urls.b });
    expect(badScale.status).toBe(2);
    expect(badScale.stderr).toContain('unknown scale "huge": use small, medium, large');
    const noUrl = run([], bare);
    expect(noUrl.status).toBe(2);
    expect(noUrl.stderr).toContain('set DATABASE_OWNER_URL (or DATABASE_URL)');
  });
});
