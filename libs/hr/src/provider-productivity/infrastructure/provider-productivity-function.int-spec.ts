import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { queryAsTenant } from '@cairn/platform/db';

/**
 * get_provider_productivity(...) straight through SQL as the app role (ADR 0012): calendar periods only, the
 * complementary suppression of months within a quarter and of a year, the same rule per cell block, home sites,
 * and the supervised scope with its permission. The API specs (apps/api/test/provider-productivity*.e2e-spec.ts)
 * cover the HTTP side and the differencing attacks.
 */
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });

const org = randomUUID();
const siteA = randomUUID();
const siteB = randomUUID();
const hr = randomUUID();
const supA = randomUUID(); // supervisor at site A only
const clinician = randomUUID();
const X = randomUUID(); // 5 patients in January, 6 in February, 2 in March
const Y = randomUUID(); // 5 in January and in February, nothing in March
const Z = randomUUID(); // categories: January IT 5, February IT 5, March IT 2 + Group 5
const H = randomUUID(); // mostly at site B: home site B
const peer = randomUUID(); // a peer specialist at site B supervised by supA

interface Row {
  provider_id: string | null;
  site_id: string | null;
  suppressed: boolean;
  provider_count: number;
  active_caseload_count: number;
  notes_completed_count: number;
  session_count_by_category: Record<string, number> | null;
}

const call = (user: string, start: string, end: string, opts: { site?: string; provider?: string; scope?: string } = {}) =>
  queryAsTenant<Row>(
    app,
    { organizationId: org, userId: user, siteIds: 'all', patientScope: 'none' },
    'SELECT * FROM get_provider_productivity($1, $2, $3, $4, $5, $6)',
    [start, end, org, opts.site ?? null, opts.provider ?? null, opts.scope ?? 'organization'],
  );
const shown = async (start: string, end: string, provider: string) =>
  (await call(hr, start, end, { provider })).find((r) => r.provider_id === provider);
const sqlError = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
  );

beforeAll(async () => {
  const q = (sql: string, params: unknown[] = []) => owner.query(sql, params);
  await q(`INSERT INTO pf_organizations (id, name, slug, timezone) VALUES ($1::uuid, 'Prod fn', 'prodfn-' || $1::text, 'UTC')`, [org]);
  await q(`INSERT INTO pf_sites (organization_id, id, code, name) VALUES ($1, $2, 'A', 'A'), ($1, $3, 'B', 'B')`, [org, siteA, siteB]);
  const people: [string, string, boolean, string[]][] = [
    [hr, 'hr', true, []],
    [supA, 'supervisor', false, [siteA]],
    [clinician, 'clinician', true, []],
    [X, 'clinician', true, []],
    [Y, 'clinician', true, []],
    [Z, 'clinician', true, []],
    [H, 'clinician', true, []],
    [peer, 'peer_specialist', true, []],
  ];
  for (const [u, role, all, sites] of people) {
    await q(`INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1::uuid, $1::text || '@prodfn.test', 'U', 'x')`, [
      u,
    ]);
    await q(
      `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, all_sites, site_ids) VALUES ($1, $2, $3, $4, $5, $6::uuid[])`,
      [org, randomUUID(), u, role, all, sites],
    );
  }
  await q(
    `INSERT INTO pm_service_types (organization_id, code, name, category) VALUES ($1, 'ind', 'Individual', 'Individual Therapy'),
     ($1, 'grp', 'Group', 'Group Services')`,
    [org],
  );
  const rows: unknown[][] = [];
  const sessions = (provider: string, site: string, day: string, n: number, type = 'ind') => {
    for (let i = 0; i < n; i++) rows.push([provider, site, randomUUID(), type, `${day}T10:00:00Z`]);
  };
  sessions(X, siteA, '2025-01-10', 5);
  sessions(X, siteA, '2025-02-10', 6);
  sessions(X, siteA, '2025-03-10', 2);
  sessions(Y, siteA, '2025-01-10', 5);
  sessions(Y, siteA, '2025-02-10', 5);
  sessions(Z, siteA, '2025-01-10', 5);
  sessions(Z, siteA, '2025-02-10', 5);
  sessions(Z, siteA, '2025-03-10', 2);
  sessions(Z, siteA, '2025-03-11', 5, 'grp');
  sessions(H, siteA, '2025-01-10', 2);
  sessions(H, siteB, '2025-01-11', 5);
  sessions(peer, siteB, '2025-01-12', 6);
  for (const [provider, site, patient, type, start] of rows) {
    await q(
      `INSERT INTO pm_appointments (organization_id, id, site_id, provider_id, patient_id, service_type, start_at, end_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $7::timestamptz + interval '50 minutes', 'completed')`,
      [org, randomUUID(), site, provider, patient, type, start],
    );
  }
  await q(
    `INSERT INTO cl_peer_supervision (organization_id, id, peer_provider_id, supervisor_id, supervision_date, duration_minutes, modality, created_by)
     VALUES ($1, $2, $3, $4, '2025-01-20', 60, 'individual', $4)`,
    [org, randomUUID(), peer, supA],
  );
});
afterAll(async () => {
  await owner.end();
  await app.end();
});

describe('get_provider_productivity (ADR 0012)', () => {
  it('answers calendar months, quarters and years only, naming the parameter otherwise', async () => {
    expect(await sqlError(call(hr, '2025-01-01', '2025-01-31'))).toBe('ok');
    expect(await sqlError(call(hr, '2025-04-01', '2025-06-30'))).toBe('ok');
    expect(await sqlError(call(hr, '2025-01-01', '2025-12-31'))).toBe('ok');
    expect(await sqlError(call(hr, '2025-01-02', '2025-01-31'))).toMatch(/^22023: invalid parameter period_start: must be the first day/);
    expect(await sqlError(call(hr, '2025-01-01', '2025-01-30'))).toMatch(/^22023: invalid parameter period_end: must be the last day/);
    expect(await sqlError(call(hr, '2025-02-01', '2025-04-30'))).toMatch(/^22023: invalid parameter period_end/);
    expect(await sqlError(call(hr, '2025-01-01', '2025-01-31', { scope: 'everyone' }))).toMatch(/^22023: invalid parameter scope/);
  });

  it('withholds a second month of a quarter when the withheld one alone would be the quarter minus the shown months', async () => {
    // X: January 5 patients, February 6, March 2. March is withheld; so is January (the fewest months, then the
    // earliest), so that the quarter minus February is January and March together: 7 patients.
    expect(await shown('2025-01-01', '2025-03-31', X)).toMatchObject({ active_caseload_count: 13 });
    expect(await shown('2025-01-01', '2025-01-31', X)).toBeUndefined();
    expect(await shown('2025-02-01', '2025-02-28', X)).toMatchObject({ active_caseload_count: 6 });
    expect(await shown('2025-03-01', '2025-03-31', X)).toBeUndefined();
    expect(await call(hr, '2025-01-01', '2025-01-31', { provider: X })).toEqual([
      expect.objectContaining({ suppressed: true, provider_count: 1 }),
    ]);
  });

  it('withholds nothing more when the withheld months are empty, and shows a year whose other quarters are empty', async () => {
    expect(await shown('2025-01-01', '2025-01-31', Y)).toMatchObject({ active_caseload_count: 5 });
    expect(await shown('2025-02-01', '2025-02-28', Y)).toMatchObject({ active_caseload_count: 5 });
    expect(await shown('2025-01-01', '2025-03-31', Y)).toMatchObject({ active_caseload_count: 10 });
    expect(await shown('2025-01-01', '2025-12-31', Y)).toMatchObject({ active_caseload_count: 10 });
    // X's year: the months not covered by a shown quarter or month are all empty, so the year is shown too.
    expect(await shown('2025-01-01', '2025-12-31', X)).toMatchObject({ active_caseload_count: 13 });
  });

  it('applies the same rule to the categories: a block is shown only when what it leaves over is 0 or at least 5 per cell', async () => {
    // Z: January IT 5, February IT 5, March IT 2 + Group 5 (withheld: a cell of 2). The quarter (IT 12, Group 5)
    // minus January and February would be March's; January's categories are withheld too.
    const cats = async (start: string, end: string) => (await shown(start, end, Z))?.session_count_by_category;
    expect(await cats('2025-01-01', '2025-03-31')).toEqual({ 'Group Services': 5, 'Individual Therapy': 12 });
    expect(await cats('2025-01-01', '2025-01-31')).toEqual({});
    expect(await cats('2025-02-01', '2025-02-28')).toEqual({ 'Individual Therapy': 5 });
    expect(await cats('2025-03-01', '2025-03-31')).toEqual({});
  });

  it("reports a provider's figures at every site under their home site; the site filter selects providers", async () => {
    // H: 2 patients at site A, 5 at site B in January: home site B, caseload 7 everywhere.
    expect(await shown('2025-01-01', '2025-01-31', H)).toMatchObject({ site_id: siteB, active_caseload_count: 7 });
    const a = await call(hr, '2025-01-01', '2025-01-31', { site: siteA });
    expect(a.map((r) => r.provider_id)).not.toContain(H);
    const b = await call(hr, '2025-01-01', '2025-01-31', { site: siteB });
    expect(b.find((r) => r.provider_id === H)).toMatchObject({ site_id: siteB, active_caseload_count: 7 });
  });

  it('gives a clinical supervisor the rows of the providers they supervise, and only with hr.productivity.supervised', async () => {
    const hrRows = await call(hr, '2025-01-01', '2025-01-31');
    const supRows = await call(supA, '2025-01-01', '2025-01-31', { scope: 'supervised' });
    // Site A's providers (home site A: X is withheld in January, Y and Z shown) and the peer they supervise (home site B).
    expect(
      supRows
        .filter((r) => !r.suppressed)
        .map((r) => r.provider_id)
        .sort(),
    ).toEqual([Y, Z, peer].sort());
    for (const r of supRows.filter((x) => !x.suppressed)) expect(hrRows).toContainEqual(r);
    expect(supRows.find((r) => r.suppressed)).toMatchObject({ provider_count: 1 });
    expect(await sqlError(call(supA, '2025-01-01', '2025-01-31'))).toMatch(/^42501: hr.productivity.view is not held/);
    expect(await sqlError(call(hr, '2025-01-01', '2025-01-31', { scope: 'supervised' }))).toMatch(
      /^42501: hr.productivity.supervised is not held/,
    );
    expect(await sqlError(call(clinician, '2025-01-01', '2025-01-31', { scope: 'supervised' }))).toMatch(/^42501/);
  });
});
