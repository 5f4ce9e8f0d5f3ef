import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';

/**
 * Row-level security as the app role, against the real database (ARCHITECTURE §4). Fixtures are written as
 * the owner; every assertion runs as cairn_app, with raw SQL that has no WHERE clause where it matters.
 */
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 1 }); // max 1: every test reuses one connection

const orgA = randomUUID();
const orgB = randomUUID();
const siteA1 = randomUUID();
const siteA2 = randomUUID();
const siteB1 = randomUUID();
const userA = randomUUID(); // site-wide in A
const userA1 = randomUUID(); // site-wide in A, only at site A1
const clinicianA = randomUUID(); // assigned-only in A
const userB = randomUUID();
const patientsA = [randomUUID(), randomUUID(), randomUUID()];
const patientB = randomUUID();

type Ctx = { org?: string; user?: string; sites?: string; scope?: string };

/** Runs fn in one app-role transaction whose first statement sets the context, as libs/platform/db does. */
async function asApp<T>(ctx: Ctx | null, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await app.connect();
  try {
    await c.query('BEGIN');
    if (ctx) {
      await c.query(
        `SELECT set_config('app.org_id', $1, true), set_config('app.user_id', $2, true),
                set_config('app.site_ids', $3, true), set_config('app.patient_scope', $4, true)`,
        [ctx.org ?? '', ctx.user ?? '', ctx.sites ?? '', ctx.scope ?? ''],
      );
    }
    const result = await fn(c);
    await c.query('COMMIT');
    return result;
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}

const ctxA: Ctx = { org: orgA, user: userA, sites: '*', scope: 'site' };

beforeAll(async () => {
  const sql = `
    INSERT INTO pf_organizations (id, name, slug) VALUES ($1, 'RLS Org A', 'rls-a-' || $1), ($2, 'RLS Org B', 'rls-b-' || $2);
    INSERT INTO pf_sites (organization_id, id, code, name) VALUES ($1, $3, 'A1', 'A one'), ($1, $4, 'A2', 'A two'), ($2, $5, 'B1', 'B one');
    INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES
      ($6, 'a-' || $6 || '@t.test', 'A', 'x'), ($7, 'a1-' || $7 || '@t.test', 'A1', 'x'),
      ($8, 'c-' || $8 || '@t.test', 'C', 'x'), ($9, 'b-' || $9 || '@t.test', 'B', 'x');
    INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, all_sites, site_ids) VALUES
      ($1, gen_random_uuid(), $6, 'supervisor', true, '{}'), ($1, gen_random_uuid(), $7, 'front_desk', false, ARRAY[$3]::uuid[]),
      ($1, gen_random_uuid(), $8, 'clinician', true, '{}'), ($2, gen_random_uuid(), $9, 'supervisor', true, '{}');`;
  // pg cannot run several parameterised statements at once: expand the parameters by hand (all are UUIDs).
  const params = [orgA, orgB, siteA1, siteA2, siteB1, userA, userA1, clinicianA, userB];
  await owner.query(sql.replace(/\$(\d+)/g, (_, i: string) => `'${params[Number(i) - 1]}'::uuid`));
  const patients: [string, string, string][] = [
    [orgA, patientsA[0]!, siteA1],
    [orgA, patientsA[1]!, siteA1],
    [orgA, patientsA[2]!, siteA2],
    [orgB, patientB, siteB1],
  ];
  for (const [org, id, site] of patients) {
    await owner.query(
      `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth) VALUES ($1, $2, $3, 'Test', 'Patient', '1990-01-01')`,
      [org, id, site],
    );
  }
  await owner.query(
    `INSERT INTO cl_care_team_assignments (organization_id, id, patient_id, staff_user_id, role, started_on) VALUES ($1, gen_random_uuid(), $2, $3, 'primary_therapist', current_date - 10)`,
    [orgA, patientsA[2], clinicianA],
  );
});

afterAll(async () => {
  await owner.end();
  await app.end();
});

describe('row-level security as the app role', () => {
  it('reads 0 tenant rows and cannot write without a context', async () => {
    const count = await asApp(null, (c) => c.query('SELECT count(*)::int AS n FROM cl_patients'));
    expect(count.rows[0].n).toBe(0);
    const sites = await asApp(null, (c) => c.query('SELECT count(*)::int AS n FROM pf_sites'));
    expect(sites.rows[0].n).toBe(0);
    await expect(
      asApp(null, (c) =>
        c.query(
          `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth) VALUES ($1, $2, $3, 'X', 'Y', '2000-01-01')`,
          [orgA, randomUUID(), siteA1],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("never reads organization B's rows in organization A's context, even with no WHERE clause", async () => {
    const rows = await asApp(ctxA, (c) => c.query('SELECT organization_id, id FROM cl_patients'));
    expect(rows.rows.map((r) => r.id).sort()).toEqual([...patientsA].sort());
    expect(rows.rows.every((r) => r.organization_id === orgA)).toBe(true);
  });

  it("never carries one organization's rows into another's context through a prepared statement's cached plan", async () => {
    // The API prepares its statements once per connection (statement-names.ts). After five executions
    // PostgreSQL may switch a prepared statement to a generic plan: the policies must still be evaluated
    // against each transaction's own context.
    const ctxB: Ctx = { org: orgB, user: userB, sites: '*', scope: 'site' };
    const prepared = { name: 'rls_spec_patients_by_name', text: 'SELECT organization_id, id FROM cl_patients WHERE first_name = $1' };
    for (let i = 0; i < 8; i++) {
      const a = await asApp(ctxA, (c) => c.query({ ...prepared, values: ['Test'] }));
      expect(a.rows.map((r) => r.id).sort()).toEqual([...patientsA].sort());
      const b = await asApp(ctxB, (c) => c.query({ ...prepared, values: ['Test'] }));
      expect(b.rows).toEqual([{ organization_id: orgB, id: patientB }]);
      const none = await asApp(null, (c) => c.query({ ...prepared, values: ['Test'] }));
      expect(none.rows).toEqual([]);
    }
  });

  it("never updates organization B's rows in organization A's context, even with no WHERE clause", async () => {
    const updated = await asApp(ctxA, (c) => c.query(`UPDATE cl_patients SET preferred_name = 'touched'`));
    expect(updated.rowCount).toBe(3);
    const b = await owner.query('SELECT preferred_name FROM cl_patients WHERE id = $1', [patientB]);
    expect(b.rows[0].preferred_name).toBeNull();
  });

  it("cannot insert a row into organization B from organization A's context", async () => {
    await expect(
      asApp(ctxA, (c) =>
        c.query(
          `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth) VALUES ($1, $2, $3, 'X', 'Y', '2000-01-01')`,
          [orgB, randomUUID(), siteB1],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('cannot move a row to another organization (UPDATE ... WITH CHECK)', async () => {
    await expect(
      asApp(ctxA, (c) => c.query('UPDATE cl_patients SET organization_id = $1 WHERE id = $2', [orgB, patientsA[0]])),
    ).rejects.toThrow();
  });

  it('shows nothing when the context names an organization the user has no binding in', async () => {
    const rows = await asApp({ org: orgB, user: userA, sites: '*', scope: 'site' }, (c) =>
      c.query('SELECT count(*)::int AS n FROM cl_patients'),
    );
    expect(rows.rows[0].n).toBe(0);
  });

  it("does not carry one transaction's context into the next on a reused pooled connection", async () => {
    const first = await asApp(ctxA, async (c) => {
      const pid = await c.query('SELECT pg_backend_pid() AS pid');
      return pid.rows[0].pid as number;
    });
    const second = await asApp(null, async (c) => {
      const pid = await c.query('SELECT pg_backend_pid() AS pid');
      const setting = await c.query(`SELECT current_setting('app.org_id', true) AS org`);
      const n = await c.query('SELECT count(*)::int AS n FROM cl_patients');
      return { pid: pid.rows[0].pid as number, org: setting.rows[0].org as string | null, n: n.rows[0].n as number };
    });
    expect(second.pid).toBe(first); // the same physical connection
    expect(second.org ?? '').toBe('');
    expect(second.n).toBe(0);
  });

  it('limits a site-bound context to its sites', async () => {
    const rows = await asApp({ org: orgA, user: userA1, sites: siteA1, scope: 'site' }, (c) => c.query('SELECT id FROM cl_patients'));
    expect(rows.rows.map((r) => r.id).sort()).toEqual([patientsA[0], patientsA[1]].sort());
  });

  it('shows an assigned-only clinician exactly the patients on their care team', async () => {
    const rows = await asApp({ org: orgA, user: clinicianA, sites: '*', scope: 'assigned' }, (c) => c.query('SELECT id FROM cl_patients'));
    expect(rows.rows.map((r) => r.id)).toEqual([patientsA[2]]);
  });

  it('hides charts and care-team rows of patients outside the scope', async () => {
    const rows = await asApp({ org: orgA, user: clinicianA, sites: '*', scope: 'assigned' }, (c) =>
      c.query('SELECT patient_id FROM cl_care_team_assignments'),
    );
    expect(rows.rows.map((r) => r.patient_id)).toEqual([patientsA[2]]);
  });
});

describe('the system actor (worker consumers)', () => {
  const systemA: Ctx = { org: orgA, user: '', sites: '*', scope: 'system' };

  it("reads its event's organization and sites, and nothing of another organization", async () => {
    const seen = await asApp(systemA, async (c) => ({
      orgs: (await c.query('SELECT id FROM pf_organizations')).rows.map((r: { id: string }) => r.id),
      sites: (await c.query('SELECT id FROM pf_sites ORDER BY code')).rows.map((r: { id: string }) => r.id),
    }));
    expect(seen).toEqual({ orgs: [orgA], sites: [siteA1, siteA2] });
  });

  it("is not the system when a user is named, or when the scope is not 'system'", async () => {
    // A staff user with no binding in A claiming the system scope sees nothing: the user id rules it out.
    const withUser = await asApp({ ...systemA, user: userB }, async (c) => (await c.query('SELECT id FROM pf_sites')).rowCount);
    const noScope = await asApp({ ...systemA, scope: 'none' }, async (c) => (await c.query('SELECT id FROM pf_sites')).rowCount);
    expect([withUser, noScope]).toEqual([0, 0]);
  });

  it('does not open patient rows: the system scope is not a patient scope', async () => {
    const n = await asApp(systemA, async (c) => (await c.query('SELECT id FROM cl_patients')).rowCount);
    expect(n).toBe(0);
  });
});

describe('row-level security coverage', () => {
  it('has RLS enabled, forced and a policy on every table with an organization_id', async () => {
    const { rows } = await owner.query<{ table_name: string; enabled: boolean; forced: boolean; policies: number }>(`
      SELECT c.relname AS table_name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname) AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        AND (EXISTS (SELECT 1 FROM information_schema.columns col
                     WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'organization_id')
             OR c.relname = 'pf_organizations')
      ORDER BY 1`);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const unprotected = rows.filter((r) => !r.enabled || !r.forced || r.policies === 0).map((r) => r.table_name);
    expect(unprotected).toEqual([]);
  });

  it('gives the app role no ownership, no BYPASSRLS and no DELETE or TRUNCATE anywhere', async () => {
    const role = await owner.query(`SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = 'cairn_app'`);
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await owner.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'cairn_app'`);
    expect(owned.rows).toEqual([]);
    const grants = await owner.query(
      `SELECT table_name, privilege_type FROM information_schema.role_table_grants
       WHERE grantee = 'cairn_app' AND privilege_type NOT IN ('SELECT', 'INSERT', 'UPDATE') ORDER BY 1, 2`,
    );
    expect(grants.rows).toEqual([]);
  });

  it('revokes EXECUTE from PUBLIC on every SECURITY DEFINER function and fixes their search_path', async () => {
    const { rows } = await owner.query<{ name: string; public_exec: boolean; config: string[] | null }>(`
      SELECT p.proname AS name, has_function_privilege('public', p.oid, 'EXECUTE') AS public_exec, p.proconfig AS config
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prosecdef`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect({ name: r.name, public_exec: r.public_exec }).toEqual({ name: r.name, public_exec: false });
      expect((r.config ?? []).some((c) => c.startsWith('search_path='))).toBe(true);
    }
  });
});
