import { randomUUID } from 'node:crypto';
import { Algorithm, hash } from '@node-rs/argon2';
import { Pool } from 'pg';

import { DEMO_PASSWORD } from './staff-api';

/**
 * A small organization of its own (time zone UTC) with a hand-made month of sessions, so that every figure
 * get_provider_productivity returns for March 2025 can be computed by hand (see EXPECTED below). Written as the
 * owner role; the rollups are filled by the same triggers the API's writes fire.
 */
export interface ProductivityFixture {
  orgId: string;
  siteA: string;
  siteB: string;
  /** Logins (password DEMO_PASSWORD): HR at every site, HR at site A only, a clinician, an administrator. */
  emails: { hrAll: string; hrSiteA: string; clinician: string; admin: string };
  providers: { P1: string; P2: string; P3: string; P4: string; P5: string; P6: string };
  patients: string[];
  /** Every id the fixture created for sessions: none may appear in any output. */
  sessionIds: string[];
  patientNames: string[];
}

const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function createProductivityFixture(owner: Pool): Promise<ProductivityFixture> {
  const tag = randomUUID().slice(0, 8);
  const orgId = randomUUID();
  const siteA = randomUUID();
  const siteB = randomUUID();
  const id = () => randomUUID();
  const providers = { P1: id(), P2: id(), P3: id(), P4: id(), P5: id(), P6: id() };
  const staff = { hrAll: id(), hrSiteA: id(), clinician: id(), admin: id() };
  const emails = {
    hrAll: `hr.all.${tag}@fixture.cairn.test`,
    hrSiteA: `hr.site-a.${tag}@fixture.cairn.test`,
    clinician: `clinician.${tag}@fixture.cairn.test`,
    admin: `admin.${tag}@fixture.cairn.test`,
  };
  const passwordHash = await hash(DEMO_PASSWORD, ARGON2);
  const c = await owner.connect();
  const sessionIds: string[] = [];
  const patientNames: string[] = [];
  try {
    await c.query('BEGIN');
    await c.query(`INSERT INTO pf_organizations (id, name, slug, timezone) VALUES ($1, $2, $3, 'UTC')`, [
      orgId,
      `Fixture Health ${tag}`,
      `fixture-${tag}`,
    ]);
    await c.query(`INSERT INTO pf_sites (organization_id, id, code, name) VALUES ($1, $2, 'A', 'Site A'), ($1, $3, 'B', 'Site B')`, [
      orgId,
      siteA,
      siteB,
    ]);
    const people: [string, string, string, boolean, string[]][] = [
      [staff.hrAll, emails.hrAll, 'hr', true, []],
      [staff.hrSiteA, emails.hrSiteA, 'hr', false, [siteA]],
      [staff.clinician, emails.clinician, 'clinician', true, []],
      [staff.admin, emails.admin, 'admin', true, []],
      ...Object.entries(providers).map(([k, v]): [string, string, string, boolean, string[]] => [
        v,
        `${k.toLowerCase()}.${tag}@fixture.cairn.test`,
        'clinician',
        true,
        [],
      ]),
    ];
    for (const [uid, email, role, allSites, sites] of people) {
      await c.query(`INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1, $2, $3, $4)`, [
        uid,
        email,
        `Fixture ${role}`,
        passwordHash,
      ]);
      await c.query(
        `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, all_sites, site_ids) VALUES ($1, $2, $3, $4, $5, $6::uuid[])`,
        [orgId, id(), uid, role, allSites, sites],
      );
    }
    // Patients 1-10 and 16 at site A, 11-15, 17, 18 at site B (index 0 unused).
    const patients = Array.from({ length: 19 }, () => id());
    for (let i = 1; i <= 18; i++) {
      const last = `Zyxfixture${tag}${String.fromCharCode(97 + i)}`;
      patientNames.push(last);
      await c.query(
        `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth) VALUES ($1, $2, $3, 'Quillon', $4, '1980-01-01')`,
        [orgId, patients[i], i <= 10 || i === 16 ? siteA : siteB, last],
      );
      await c.query(`INSERT INTO cl_charts (organization_id, id, patient_id, mrn) VALUES ($1, $2, $3, $4)`, [
        orgId,
        id(),
        patients[i],
        `FIX-${tag}-${i}`,
      ]);
    }
    await c.query(
      `INSERT INTO pm_service_types (organization_id, code, name, category) VALUES
      ($1, 'psychotherapy-45', 'Psychotherapy, 45 minutes', 'Individual Therapy'), ($1, 'intake', 'Intake assessment', 'Assessment'),
      ($1, 'group', 'Group therapy', 'Group Services'), ($1, 'sud-group', 'Substance use group', 'Group Services')`,
      [orgId],
    );

    const appt = async (
      provider: string,
      patient: number,
      site: string,
      type: string,
      day: string,
      status: string,
      cancelledBy: string | null = null,
    ) => {
      const aid = id();
      sessionIds.push(aid);
      const start = `${day}T10:00:00Z`;
      await c.query(
        `INSERT INTO pm_appointments (organization_id, id, site_id, provider_id, patient_id, service_type, start_at, end_at, status, cancelled_by, cancelled_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $7::timestamptz + interval '50 minutes', $8, $9, CASE WHEN $9::text IS NULL THEN NULL ELSE $7::timestamptz - interval '2 hours' END)`,
        [orgId, aid, site, provider, patients[patient], type, start, status, cancelledBy],
      );
      return { aid, patient, site, provider, end: new Date(Date.parse(start) + 50 * 60_000) };
    };
    const note = async (a: { aid: string; patient: number; site: string; provider: string; end: Date }, lagHours: number) => {
      const nid = id();
      sessionIds.push(nid);
      await c.query(
        `INSERT INTO cl_progress_notes (organization_id, id, site_id, patient_id, appointment_id, author_id, session_start, session_end, status, body, signed_at, signed_by)
                     VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz - interval '50 minutes', $7::timestamptz, 'signed', 'Fixture note body', $7::timestamptz + make_interval(hours => $8), $6)`,
        [orgId, nid, a.site, patients[a.patient], a.aid, a.provider, a.end.toISOString(), lagHours],
      );
    };
    const march = (d: number) => `2025-03-${String(d).padStart(2, '0')}`;

    // P1 at site A: 6 therapy sessions (patients 1-6) and 2 intakes, a no-show, a late cancellation, a clinic
    // cancellation, and one session in April (outside March). Notes for the 8 March sessions.
    const p1: Awaited<ReturnType<typeof appt>>[] = [];
    for (let i = 1; i <= 6; i++) p1.push(await appt(providers.P1, i, siteA, 'psychotherapy-45', march(2 + i), 'completed'));
    p1.push(await appt(providers.P1, 1, siteA, 'intake', march(10), 'completed'));
    p1.push(await appt(providers.P1, 2, siteA, 'intake', march(11), 'completed'));
    await appt(providers.P1, 3, siteA, 'psychotherapy-45', march(12), 'no_show');
    await appt(providers.P1, 4, siteA, 'psychotherapy-45', march(13), 'late_cancelled', 'patient');
    await appt(providers.P1, 5, siteA, 'psychotherapy-45', march(14), 'cancelled', 'clinic');
    await appt(providers.P1, 7, siteA, 'psychotherapy-45', '2025-04-02', 'completed');
    const p1Lags = [1, 2, 3, 4, 5, 25, 30, 50];
    for (let i = 0; i < p1.length; i++) await note(p1[i]!, p1Lags[i]!);

    // P5 at site B: patients 11-15, a group and a substance-use group each; notes 10 h and 30 h after.
    for (let i = 11; i <= 15; i++) {
      await note(await appt(providers.P5, i, siteB, 'group', march(3), 'completed'), 10);
      await note(await appt(providers.P5, i, siteB, 'sud-group', march(4), 'completed'), 30);
    }
    // Small caseloads, folded: P2 (patients 7-9), P3 (9, 10, 16 and a no-show), P4 (1, 2, no notes) at A; P6 (17, 18) at B.
    for (const [i, p] of [7, 8, 9].entries())
      await note(await appt(providers.P2, p, siteA, 'psychotherapy-45', march(3 + i), 'completed'), 5);
    for (const [i, p] of [9, 10, 16].entries())
      await note(await appt(providers.P3, p, siteA, 'psychotherapy-45', march(6 + i), 'completed'), 5);
    await appt(providers.P3, 10, siteA, 'psychotherapy-45', march(9), 'no_show');
    await appt(providers.P4, 1, siteA, 'psychotherapy-45', march(15), 'completed');
    await appt(providers.P4, 2, siteA, 'psychotherapy-45', march(16), 'completed');
    await appt(providers.P6, 17, siteB, 'psychotherapy-45', march(15), 'completed');
    await appt(providers.P6, 18, siteB, 'psychotherapy-45', march(16), 'completed');
    await c.query('COMMIT');
    return { orgId, siteA, siteB, emails, providers, patients: patients.slice(1), sessionIds, patientNames };
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}
