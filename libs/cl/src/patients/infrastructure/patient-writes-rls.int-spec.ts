import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { queryAsTenant, TenantContext, tenantSettingsSql } from '@cairn/platform/db';

/**
 * The WITH CHECK side of the patient-scoped CL tables, with raw SQL as the app role (cairn_app, NOBYPASSRLS): a
 * chart, care-team assignment, Part 2 consent, progress note or note addendum can be written only for a patient
 * the caller can see (the same rule as reading it: site-wide scope over a permitted site, or the current care
 * team; Part 2 consent for addenda, through their note). The handlers check this too; these tests bypass them.
 */
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });

const org = randomUUID();
const siteA = randomUUID();
const siteB = randomUUID();
const supervisor = randomUUID(); // site-wide, every site: sees every patient
const frontDesk = randomUUID(); // site-wide, site A only
const clinician = randomUUID(); // assigned-only, every site
const colleague = randomUUID(); // another clinician, only ever the target of an assignment
const solo = randomUUID(); // assigned-only, on the care team of one patient: a WHERE-less UPDATE touches only that patient's rows

const id = () => randomUUID();
/** Patients: [site, assigned to the clinician, has a chart, Part 2 chart]. */
const patientSpec = {
  mine: [siteA, true, true, false],
  handoff: [siteA, true, true, false],
  other: [siteA, false, true, false],
  far: [siteB, false, true, false],
  farPart2: [siteB, false, true, true],
  part2: [siteA, true, true, true],
  chartless: [siteA, false, false, false],
  chartlessFar: [siteB, false, false, false],
  chartlessOk: [siteB, false, false, false],
  solo: [siteA, false, true, false],
} as const;
type P = keyof typeof patientSpec;
const patient = Object.fromEntries(Object.keys(patientSpec).map((k) => [k, id()])) as Record<P, string>;
const chart = Object.fromEntries(Object.keys(patientSpec).map((k) => [k, id()])) as Record<P, string>;
const signedNote = { mine: id(), other: id(), far: id(), part2: id() };
const draftNote = id();
const soloDraftNote = id();
const assignment = { handoff: id() };

const ctx: Record<'supervisor' | 'frontDesk' | 'clinician' | 'solo', TenantContext> = {
  supervisor: { organizationId: org, userId: supervisor, siteIds: 'all', patientScope: 'site' },
  frontDesk: { organizationId: org, userId: frontDesk, siteIds: [siteA], patientScope: 'site' },
  clinician: { organizationId: org, userId: clinician, siteIds: 'all', patientScope: 'assigned' },
  solo: { organizationId: org, userId: solo, siteIds: 'all', patientScope: 'assigned' },
};
type Who = keyof typeof ctx;

const as = <T>(who: Who, sql: string, params: unknown[] = []) => queryAsTenant<T>(app, ctx[who], sql, params);

/** Several statements in one app-role transaction (what a handler does), rolled back on the first error. */
async function inOneTransaction(who: Who, statements: [string, unknown[]][]): Promise<void> {
  const c = await app.connect();
  try {
    await c.query('BEGIN');
    await c.query(tenantSettingsSql(ctx[who]));
    for (const [sql, params] of statements) await c.query(sql, params);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}

const RLS = /new row violates row-level security policy/;

const insertChart = (patientId: string): [string, unknown[]] => [
  `INSERT INTO cl_charts (organization_id, id, patient_id, mrn) VALUES ($1, $2, $3, $4)`,
  [org, id(), patientId, `W-${id().slice(0, 12)}`],
];
const insertAssignment = (patientId: string, staff: string, role = 'case_manager'): [string, unknown[]] => [
  `INSERT INTO cl_care_team_assignments (organization_id, id, patient_id, staff_user_id, role, started_on) VALUES ($1, $2, $3, $4, $5, current_date)`,
  [org, id(), patientId, staff, role],
];
const insertConsent = (patientId: string, chartId: string): [string, unknown[]] => [
  `INSERT INTO cl_part2_consents (organization_id, id, patient_id, chart_id, consent_type, disclosing_party, information_description, record_types,
      recipients, purposes, effective_on, expiration_event, signed_by, signed_on, statements)
    VALUES ($1, $2, $3, $4, 'specific_disclosure', 'OTP', 'notes', '{progress_note}', $5::jsonb, '{treatment}', current_date, 'end of treatment',
      'patient', current_date, '{right_to_revoke,redisclosure,treatment_not_conditioned}')`,
  [org, id(), patientId, chartId, JSON.stringify([{ type: 'organization', organizationId: org }])],
];
const insertNote = (patientId: string, siteId: string, author: string): [string, unknown[]] => [
  `INSERT INTO cl_progress_notes (organization_id, id, site_id, patient_id, author_id, session_start, session_end, body)
    VALUES ($1, $2, $3, $4, $5, '2026-03-10T09:00:00Z', '2026-03-10T09:50:00Z', 'note')`,
  [org, id(), siteId, patientId, author],
];
const insertAddendum = (noteId: string, author: string): [string, unknown[]] => [
  `INSERT INTO cl_progress_note_addenda (organization_id, id, note_id, author_id, body) VALUES ($1, $2, $3, $4, 'addendum')`,
  [org, id(), noteId, author],
];
const insertPatient = (patientId: string, siteId: string, createdBy: string): [string, unknown[]] => [
  `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth, created_by) VALUES ($1, $2, $3, 'New', 'Patient', '1990-01-01', $4)`,
  [org, patientId, siteId, createdBy],
];

const run = (who: Who, [sql, params]: [string, unknown[]]) => as(who, sql, params);

beforeAll(async () => {
  const q = (sql: string, params: unknown[] = []) => owner.query(sql, params);
  await q(`INSERT INTO pf_organizations (id, name, slug) VALUES ($1::uuid, 'Write RLS', 'write-rls-' || $1::text)`, [org]);
  await q(`INSERT INTO pf_sites (organization_id, id, code, name) VALUES ($1, $2, 'A', 'A'), ($1, $3, 'B', 'B')`, [org, siteA, siteB]);
  for (const u of [supervisor, frontDesk, clinician, colleague, solo]) {
    await q(
      `INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1::uuid, $1::text || '@write-rls.test', 'U', 'x')`,
      [u],
    );
  }
  await q(
    `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, all_sites, site_ids) VALUES
       ($1, gen_random_uuid(), $2, 'supervisor', true, '{}'), ($1, gen_random_uuid(), $3, 'front_desk', false, ARRAY[$6::uuid]),
       ($1, gen_random_uuid(), $4, 'clinician', true, '{}'), ($1, gen_random_uuid(), $5, 'clinician', true, '{}'),
       ($1, gen_random_uuid(), $7, 'clinician', true, '{}')`,
    [org, supervisor, frontDesk, clinician, colleague, siteA, solo],
  );
  for (const [k, [site, assigned, hasChart, part2]] of Object.entries(patientSpec) as [P, (typeof patientSpec)[P]][]) {
    await q(
      `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth) VALUES ($1, $2, $3, 'P', $4, '1990-01-01')`,
      [org, patient[k], site, k],
    );
    if (hasChart) {
      await q(
        `INSERT INTO cl_charts (organization_id, id, patient_id, mrn, is_part2, part2_program_name) VALUES ($1, $2, $3, $4, $5, $6)`,
        [org, chart[k], patient[k], `W-${chart[k].slice(0, 12)}`, part2, part2 ? 'OTP' : null],
      );
    }
    if (assigned) {
      await q(
        `INSERT INTO cl_care_team_assignments (organization_id, id, patient_id, staff_user_id, role, started_on) VALUES ($1, $2, $3, $4, 'primary_therapist', current_date - 30)`,
        [org, assignment[k as keyof typeof assignment] ?? id(), patient[k], clinician],
      );
    }
  }
  for (const [k, noteId] of Object.entries(signedNote) as [keyof typeof signedNote, string][]) {
    await q(
      `INSERT INTO cl_progress_notes (organization_id, id, site_id, patient_id, author_id, session_start, session_end, status, body, signed_at, signed_by)
             VALUES ($1, $2, $3, $4, $5, '2026-03-01T09:00:00Z', '2026-03-01T09:50:00Z', 'signed', 'signed note', now(), $5)`,
      [org, noteId, patientSpec[k][0], patient[k], clinician],
    );
  }
  await q(
    `INSERT INTO cl_progress_notes (organization_id, id, site_id, patient_id, author_id, session_start, session_end, body)
           VALUES ($1, $2, $3, $4, $5, '2026-03-02T09:00:00Z', '2026-03-02T09:50:00Z', 'draft')`,
    [org, draftNote, siteA, patient.mine, clinician],
  );
  await q(
    `INSERT INTO cl_care_team_assignments (organization_id, id, patient_id, staff_user_id, role, started_on) VALUES ($1, gen_random_uuid(), $2, $3, 'primary_therapist', current_date - 30)`,
    [org, patient.solo, solo],
  );
  await q(
    `INSERT INTO cl_progress_notes (organization_id, id, site_id, patient_id, author_id, session_start, session_end, body)
           VALUES ($1, $2, $3, $4, $5, '2026-03-02T09:00:00Z', '2026-03-02T09:50:00Z', 'draft')`,
    [org, soloDraftNote, siteA, patient.solo, solo],
  );
});

afterAll(async () => {
  await Promise.all([owner.end(), app.end()]);
});

describe('charts: written only for a patient the caller can see', () => {
  it("refuses a chart for a patient at a permitted site but not on the assigned-only caller's care team", async () => {
    await expect(run('clinician', insertChart(patient.chartless))).rejects.toThrow(RLS);
  });

  it("refuses a chart for a patient at a site outside the caller's sites", async () => {
    await expect(run('frontDesk', insertChart(patient.chartlessFar))).rejects.toThrow(RLS);
  });

  it('refuses an UPDATE that hands a visible chart to a patient the caller cannot see', async () => {
    // WHERE-less: an UPDATE whose WHERE reads the table needs SELECT, and the SELECT policy then already checks the
    // new row; one that reads nothing is held by WITH CHECK alone.
    await expect(as('solo', 'UPDATE cl_charts SET patient_id = $1', [patient.chartless])).rejects.toThrow(RLS);
  });

  it('lets a caller who sees the patient insert and update their chart', async () => {
    await run('supervisor', insertChart(patient.chartlessOk));
    expect(await as('clinician', `UPDATE cl_charts SET part2_program_name = 'n/a' WHERE id = $1 RETURNING id`, [chart.mine])).toEqual([
      { id: chart.mine },
    ]);
  });
});

describe('care-team assignments: written only for a patient the caller can see', () => {
  it('refuses an assigned-only caller putting themselves on the care team of a patient they cannot see', async () => {
    await expect(run('clinician', insertAssignment(patient.other, clinician, 'primary_therapist'))).rejects.toThrow(RLS);
    expect(await as('clinician', 'SELECT id FROM cl_patients WHERE id = $1', [patient.other])).toEqual([]);
  });

  it("refuses an assignment for a patient at a site outside the caller's sites", async () => {
    await expect(run('frontDesk', insertAssignment(patient.far, colleague))).rejects.toThrow(RLS);
  });

  it("refuses an UPDATE that moves one's own assignment to a patient one cannot see", async () => {
    await expect(as('solo', 'UPDATE cl_care_team_assignments SET patient_id = $1', [patient.other])).rejects.toThrow(RLS);
  });

  it('lets a caller who sees the patient assign and change assignments', async () => {
    await run('supervisor', insertAssignment(patient.far, colleague));
    const changed = await as(
      'supervisor',
      `UPDATE cl_care_team_assignments SET role = 'peer_support' WHERE patient_id = $1 AND staff_user_id = $2 RETURNING id`,
      [patient.far, colleague],
    );
    expect(changed).toHaveLength(1);
  });

  it('lets a primary therapist hand the patient over when the new assignment is written before their own ends', async () => {
    const endOwn: [string, unknown[]] = [
      `UPDATE cl_care_team_assignments SET ended_on = current_date - 1 WHERE id = $1`,
      [assignment.handoff],
    ];
    // Ending one's own assignment first leaves the patient out of sight for the next statement.
    await expect(
      inOneTransaction('clinician', [endOwn, insertAssignment(patient.handoff, colleague, 'primary_therapist')]),
    ).rejects.toThrow(RLS);
    await inOneTransaction('clinician', [insertAssignment(patient.handoff, colleague, 'primary_therapist'), endOwn]);
    expect(await as('clinician', 'SELECT id FROM cl_patients WHERE id = $1', [patient.handoff])).toEqual([]);
  });
});

describe('registering a patient: the chart and care team of a patient the caller created in the same transaction', () => {
  it('lets an assigned-only caller open the chart and name the care team of the patient they just registered', async () => {
    const p = id();
    await inOneTransaction('clinician', [
      insertPatient(p, siteA, clinician),
      insertChart(p),
      insertAssignment(p, colleague, 'primary_therapist'),
    ]);
    expect((await owner.query('SELECT count(*)::int AS n FROM cl_charts WHERE patient_id = $1', [p])).rows[0].n).toBe(1);
  });

  it('does not extend to a patient the caller registered in an earlier transaction and cannot see', async () => {
    const p = id();
    await run('clinician', insertPatient(p, siteA, clinician));
    await expect(run('clinician', insertChart(p))).rejects.toThrow(RLS);
    await expect(run('clinician', insertAssignment(p, clinician, 'primary_therapist'))).rejects.toThrow(RLS);
  });

  it('does not extend to a patient someone else registered, even in the same transaction', async () => {
    const p = id();
    await expect(inOneTransaction('clinician', [insertPatient(p, siteA, supervisor), insertChart(p)])).rejects.toThrow(RLS);
  });
});

describe('Part 2 consents: written only on the chart of a patient the caller can see', () => {
  it('refuses a consent for a patient the assigned-only caller is not assigned to', async () => {
    await expect(run('clinician', insertConsent(patient.other, chart.other))).rejects.toThrow(RLS);
  });

  it("refuses a consent for a patient at a site outside the caller's sites", async () => {
    await expect(run('frontDesk', insertConsent(patient.farPart2, chart.farPart2))).rejects.toThrow(RLS);
  });

  it("refuses a consent naming a visible patient but another patient's chart (the chart is what grants access)", async () => {
    await expect(run('clinician', insertConsent(patient.mine, chart.other))).rejects.toThrow(RLS);
    await expect(run('clinician', insertConsent(patient.mine, chart.part2))).rejects.toThrow(RLS);
  });

  it('lets a caller who sees the patient record and revoke a consent on their chart', async () => {
    const [sql, params] = insertConsent(patient.farPart2, chart.farPart2);
    await as('supervisor', sql, params);
    const revoked = await as(
      'supervisor',
      `UPDATE cl_part2_consents SET revoked_at = now(), revoked_by = $2, revocation_method = 'written' WHERE id = $1 RETURNING id`,
      [params[1], supervisor],
    );
    expect(revoked).toHaveLength(1);
  });
});

describe('progress notes: written only for a patient the caller can see', () => {
  it('refuses a note for a patient the assigned-only caller is not assigned to', async () => {
    await expect(run('clinician', insertNote(patient.other, siteA, clinician))).rejects.toThrow(RLS);
  });

  it('refuses a note whose own site is permitted but whose patient is at another site', async () => {
    await expect(run('frontDesk', insertNote(patient.far, siteA, frontDesk))).rejects.toThrow(RLS);
  });

  it('refuses an UPDATE that moves a draft to a patient the caller cannot see', async () => {
    await expect(as('solo', 'UPDATE cl_progress_notes SET patient_id = $1', [patient.other])).rejects.toThrow(RLS);
  });

  it('lets the treating clinician write and edit notes of their patient', async () => {
    await run('clinician', insertNote(patient.mine, siteA, clinician));
    expect(await as('clinician', `UPDATE cl_progress_notes SET body = 'edited' WHERE id = $1 RETURNING id`, [draftNote])).toEqual([
      { id: draftNote },
    ]);
  });
});

describe('progress note addenda: written only on a note the caller can see', () => {
  it('refuses an addendum on the note of a patient the assigned-only caller is not assigned to', async () => {
    await expect(run('clinician', insertAddendum(signedNote.other, clinician))).rejects.toThrow(RLS);
  });

  it("refuses an addendum on the note of a patient at a site outside the caller's sites", async () => {
    await expect(run('frontDesk', insertAddendum(signedNote.far, frontDesk))).rejects.toThrow(RLS);
  });

  it('refuses an addendum on a Part 2 note no consent covers for the caller, even for their own patient', async () => {
    await expect(run('clinician', insertAddendum(signedNote.part2, clinician))).rejects.toThrow(RLS);
  });

  it('lets a caller who sees the note add to it', async () => {
    await run('clinician', insertAddendum(signedNote.mine, clinician));
    await run('supervisor', insertAddendum(signedNote.far, supervisor));
    const n = await owner.query('SELECT count(*)::int AS n FROM cl_progress_note_addenda WHERE note_id = ANY($1::uuid[])', [
      [signedNote.mine, signedNote.far],
    ]);
    expect(n.rows[0].n).toBe(2);
  });
});
