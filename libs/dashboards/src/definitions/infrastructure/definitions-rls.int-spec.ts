import { Pool } from 'pg';

import { queryAsTenant, type TenantContext } from '@cairn/platform/db';

/**
 * Row-level security of the dashboards tables, as the app role with the demo data's real bindings: platform
 * defaults are readable by every tenant and writable by none; a practice's override and its values are its own;
 * a user's layout is theirs alone.
 */
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });

let sonoran: TenantContext;
let cascade: TenantContext;
let clinician: TenantContext;

async function user(email: string): Promise<{ id: string; org: string }> {
  const { rows } = await owner.query<{ id: string; org: string }>(
    `SELECT u.id, b.organization_id AS org FROM pf_staff_users u JOIN pf_role_bindings b ON b.staff_user_id = u.id WHERE u.email = $1 LIMIT 1`,
    [email],
  );
  return rows[0]!;
}

beforeAll(async () => {
  const [a, b, c] = await Promise.all([
    user('admin@sonoran.cairn.test'),
    user('admin@cascade.cairn.test'),
    user('clinician@sonoran.cairn.test'),
  ]);
  sonoran = { organizationId: a.org, userId: a.id, siteIds: 'all', patientScope: 'site' };
  cascade = { organizationId: b.org, userId: b.id, siteIds: 'all', patientScope: 'site' };
  clinician = { organizationId: c.org, userId: c.id, siteIds: 'all', patientScope: 'assigned' };
});
afterAll(async () => {
  await owner.query(`DELETE FROM ds_metric_definitions WHERE metric_key = 'rls.probe'`);
  await owner.query(`DELETE FROM ds_user_layouts WHERE view_key = 'rls-probe'`);
  await Promise.all([owner.end(), app.end()]);
});

const insertDefinition = (ctx: TenantContext, organizationId: string | null) =>
  queryAsTenant(
    app,
    ctx,
    `INSERT INTO ds_metric_definitions (id, organization_id, metric_key, name, domain, calculation_source, calculation, unit, update_model,
       freshness_label, visibility_rules, thresholds, attention_rules)
     VALUES (gen_random_uuid(), $1, 'rls.probe', 'Probe', 'Operational', 'pm.appointments', '{"op":"sum","signal":"x"}', 'count', 'batch',
       'as-of', '{"roles":[],"scope":"organization"}', '{}', '[]')`,
    [organizationId],
  );

describe('dashboards row-level security', () => {
  it("every tenant reads the platform defaults; without a tenant only they are visible, never a practice's rows", async () => {
    for (const ctx of [sonoran, cascade, clinician]) {
      const rows = await queryAsTenant<{ n: number }>(
        app,
        ctx,
        'SELECT count(*)::int AS n FROM ds_metric_definitions WHERE organization_id IS NULL',
      );
      expect(rows[0]!.n).toBeGreaterThanOrEqual(27);
    }
    const { rows } = await app.query('SELECT count(*)::int AS n FROM ds_metric_definitions WHERE organization_id IS NOT NULL');
    expect(rows[0].n).toBe(0);
  });

  it("no tenant writes a platform default or another practice's row", async () => {
    await expect(insertDefinition(sonoran, null)).rejects.toThrow(/row-level security/);
    await expect(insertDefinition(sonoran, cascade.organizationId)).rejects.toThrow(/row-level security/);
    await expect(
      queryAsTenant(app, sonoran, `UPDATE ds_metric_definitions SET target = 99 WHERE organization_id IS NULL RETURNING id`),
    ).rejects.toThrow(/row-level security/);
    const { rows } = await owner.query(
      'SELECT count(*)::int AS n FROM ds_metric_definitions WHERE organization_id IS NULL AND target = 99',
    );
    expect(rows[0].n).toBe(0);
  });

  it("a practice's override is its own", async () => {
    await insertDefinition(sonoran, sonoran.organizationId);
    const mine = await queryAsTenant(app, sonoran, `SELECT 1 FROM ds_metric_definitions WHERE metric_key = 'rls.probe'`);
    const theirs = await queryAsTenant(app, cascade, `SELECT 1 FROM ds_metric_definitions WHERE metric_key = 'rls.probe'`);
    expect([mine.length, theirs.length]).toEqual([1, 0]);
  });

  it("a user's layout is theirs alone, even within the practice", async () => {
    await queryAsTenant(
      app,
      sonoran,
      `INSERT INTO ds_user_layouts (organization_id, staff_user_id, view_key, metric_order, hidden_metrics) VALUES ($1, $2, 'rls-probe', '{}', '{}')`,
      [sonoran.organizationId, sonoran.userId],
    );
    await expect(
      queryAsTenant(
        app,
        sonoran,
        `INSERT INTO ds_user_layouts (organization_id, staff_user_id, view_key, metric_order, hidden_metrics) VALUES ($1, $2, 'rls-probe', '{}', '{}')`,
        [sonoran.organizationId, clinician.userId],
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await queryAsTenant(app, clinician, `SELECT 1 FROM ds_user_layouts WHERE view_key = 'rls-probe'`)).toEqual([]);
  });

  it('the app role may not run the dashboard audit verifier', async () => {
    await expect(app.query('SELECT * FROM ds_audit_verify()')).rejects.toThrow(/permission denied/);
  });
});
