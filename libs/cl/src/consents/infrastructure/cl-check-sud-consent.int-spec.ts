import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { queryAsTenant } from '@cairn/platform/db';

/**
 * cl_check_sud_consent used the way the peer-services seed uses it: inside a row-level security policy,
 * evaluated as the app role. A scratch table in a schema of its own (dropped afterwards) stands in for
 * cl_peer_encounters; its policy is the seed's `cl_check_sud_consent(chart_id, 'peer_encounter', <user>)`.
 */
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });
const schema = `part2_rls_${process.pid}_${Date.now().toString(36)}`;

const orgA = randomUUID();
const orgB = randomUUID();
const siteA = randomUUID();
const siteB = randomUUID();
const clinician = randomUUID();
const billing = randomUUID();
const formerBilling = randomUUID(); // role binding revoked
const userB = randomUUID();
const chart = {
  tpo: randomUUID(),
  none: randomUUID(),
  plain: randomUUID(),
  program: randomUUID(),
  future: randomUUID(),
  otherOrg: randomUUID(),
};
const patient = Object.fromEntries(Object.keys(chart).map((k) => [k, randomUUID()])) as Record<keyof typeof chart, string>;
const tpoConsent = randomUUID();

const asApp = <T>(org: string, user: string, sql: string, params: unknown[] = []): Promise<T[]> =>
  queryAsTenant<T>(app, { organizationId: org, userId: user, siteIds: 'all', patientScope: 'site' }, sql, params);

const visibleCharts = async (user: string) =>
  (await asApp<{ chart_id: string }>(orgA, user, `SELECT chart_id FROM ${schema}.peer_notes ORDER BY chart_id`))
    .map((r) => r.chart_id)
    .sort();

beforeAll(async () => {
  const q = (sql: string, params: unknown[] = []) => owner.query(sql, params);
  await q(
    `INSERT INTO pf_organizations (id, name, slug) VALUES ($1::uuid, 'Part 2 A', 'p2a-' || $1::text), ($2::uuid, 'Part 2 B', 'p2b-' || $2::text)`,
    [orgA, orgB],
  );
  await q(`INSERT INTO pf_sites (organization_id, id, code, name) VALUES ($1, $2, 'A', 'A'), ($3, $4, 'B', 'B')`, [
    orgA,
    siteA,
    orgB,
    siteB,
  ]);
  for (const u of [clinician, billing, formerBilling, userB])
    await q(`INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1::uuid, $1::text || '@p2.test', 'U', 'x')`, [u]);
  await q(
    `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, revoked_at) VALUES
       ($1, gen_random_uuid(), $2, 'clinician', NULL), ($1, gen_random_uuid(), $3, 'billing_coordinator', NULL),
       ($1, gen_random_uuid(), $4, 'billing_coordinator', now()), ($5, gen_random_uuid(), $6, 'supervisor', NULL)`,
    [orgA, clinician, billing, formerBilling, orgB, userB],
  );
  for (const [key, chartId] of Object.entries(chart) as [keyof typeof chart, string][]) {
    const org = key === 'otherOrg' ? orgB : orgA;
    await q(
      `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth) VALUES ($1, $2, $3, 'P', 'Two', '1990-01-01')`,
      [org, patient[key], key === 'otherOrg' ? siteB : siteA],
    );
    await q(
      `INSERT INTO cl_charts (organization_id, id, patient_id, mrn, is_part2, part2_program_name) VALUES ($1, $2, $3, $4, $5, 'OTP')`,
      [org, chartId, patient[key], `P2-${chartId.slice(0, 8)}`, key !== 'plain'],
    );
  }
  await q(
    `INSERT INTO cl_care_team_assignments (organization_id, id, patient_id, staff_user_id, role, started_on) VALUES ($1, gen_random_uuid(), $2, $3, 'primary_therapist', current_date - 5)`,
    [orgA, patient.program, clinician],
  );
  const consent = (id: string, org: string, key: keyof typeof chart, recipients: object[], effectiveOn = 'current_date - 1') =>
    q(
      `INSERT INTO cl_part2_consents (organization_id, id, patient_id, chart_id, consent_type, disclosing_party, information_description, record_types,
         recipients, purposes, effective_on, expiration_event, signed_by, signed_on, statements)
       VALUES ($1, $2, $3, $4, 'tpo', 'OTP', 'all', '{*}', $5::jsonb, '{treatment,payment,health_care_operations}', ${effectiveOn}, 'none', 'patient',
               current_date - 1, '{right_to_revoke,redisclosure,treatment_not_conditioned}')`,
      [org, id, patient[key], chart[key], JSON.stringify(recipients)],
    );
  await consent(tpoConsent, orgA, 'tpo', [{ type: 'organization', organizationId: orgA }]);
  await consent(randomUUID(), orgA, 'program', [{ type: 'program', programName: 'OTP' }]);
  await consent(randomUUID(), orgA, 'future', [{ type: 'organization', organizationId: orgA }], 'current_date + 1');
  await consent(randomUUID(), orgB, 'otherOrg', [{ type: 'organization', organizationId: orgB }]);

  await q(`CREATE SCHEMA ${schema}`);
  await q(`CREATE TABLE ${schema}.peer_notes (organization_id uuid NOT NULL, id uuid PRIMARY KEY, chart_id uuid NOT NULL)`);
  await q(`ALTER TABLE ${schema}.peer_notes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
  await q(`CREATE POLICY consent ON ${schema}.peer_notes FOR SELECT
             USING (organization_id = pf_ctx_org() AND cl_check_sud_consent(chart_id, 'peer_encounter', pf_ctx_user()))`);
  await q(`GRANT USAGE ON SCHEMA ${schema} TO cairn_app`);
  await q(`GRANT SELECT ON ${schema}.peer_notes TO cairn_app`);
  for (const [key, chartId] of Object.entries(chart)) {
    await q(`INSERT INTO ${schema}.peer_notes VALUES ($1, gen_random_uuid(), $2)`, [key === 'otherOrg' ? orgB : orgA, chartId]);
  }
});

afterAll(async () => {
  await owner.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await Promise.all([owner.end(), app.end()]);
});

describe('cl_check_sud_consent in a row-level security policy', () => {
  it('shows a clinician the plain chart, the TPO-consented chart and the program-consented chart of a patient they treat', async () => {
    expect(await visibleCharts(clinician)).toEqual([chart.plain, chart.tpo, chart.program].sort());
  });

  it('shows billing the TPO-consented chart but not the program one (billing is not on the care team)', async () => {
    expect(await visibleCharts(billing)).toEqual([chart.plain, chart.tpo].sort());
  });

  it('hides every Part 2 chart from a user whose role binding was revoked', async () => {
    expect(await visibleCharts(formerBilling)).toEqual([chart.plain]);
  });

  it('applies a revocation at once', async () => {
    await owner.query(`UPDATE cl_part2_consents SET revoked_at = now(), revoked_by = $2, revocation_method = 'written' WHERE id = $1`, [
      tpoConsent,
      billing,
    ]);
    expect(await visibleCharts(clinician)).toEqual([chart.plain, chart.program].sort());
    expect(await visibleCharts(billing)).toEqual([chart.plain]);
  });

  it('refuses to un-revoke a consent or change a revoked one', async () => {
    await expect(
      owner.query('UPDATE cl_part2_consents SET revoked_at = NULL, revoked_by = NULL WHERE id = $1', [tpoConsent]),
    ).rejects.toThrow(/revoked Part 2 consent/);
  });
});

describe('cl_check_sud_consent called directly', () => {
  const check = (org: string, user: string, chartId: string, recordType: string | null = 'peer_encounter') =>
    asApp<{ ok: boolean }>(org, user, 'SELECT cl_check_sud_consent($1::uuid, $2, $3::uuid) AS ok', [chartId, recordType, user]).then(
      (r) => r[0]!.ok,
    );

  it('is false before a consent takes effect', async () => {
    expect(await check(orgA, clinician, chart.future)).toBe(false);
  });

  it("is false for another organization's chart, even one with a consent, so it cannot be used to probe other tenants", async () => {
    expect(await check(orgA, clinician, chart.otherOrg)).toBe(false);
    expect(await check(orgB, userB, chart.otherOrg)).toBe(true);
  });

  it('is false for an unknown chart and for a Part 2 chart without a record type; true for a plain chart', async () => {
    expect(await check(orgA, clinician, randomUUID())).toBe(false);
    expect(await check(orgA, clinician, chart.program, null)).toBe(false);
    expect(await check(orgA, clinician, chart.plain, null)).toBe(true);
  });

  it('can be executed by the app role but not by PUBLIC, and is SECURITY DEFINER with a fixed search_path', async () => {
    const { rows } = await owner.query(`
      SELECT has_function_privilege('public', 'cl_check_sud_consent(uuid,text,uuid)', 'EXECUTE') AS public_exec,
             has_function_privilege('cairn_app', 'cl_check_sud_consent(uuid,text,uuid)', 'EXECUTE') AS app_exec,
             p.prosecdef, p.proconfig FROM pg_proc p WHERE p.proname = 'cl_check_sud_consent'`);
    expect(rows[0]).toMatchObject({ public_exec: false, app_exec: true, prosecdef: true, proconfig: ['search_path=public, pg_temp'] });
  });
});
