import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';

import { tenantSettingsSql } from './tenant-pool';

/**
 * Charts and care-team rows are visible when their patient is: their policies ask
 * EXISTS (SELECT 1 FROM cl_patients ...), which runs under the patients' own policy. The planner may answer it by
 * hashing every visible patient (cheap while an organization has a few dozen) or by probing the patient's primary
 * key per row. Reading one chart of an organization with thousands of patients must be the probe, a handful of
 * pages, with the custom plan of a one-off statement and with the generic plan a prepared statement settles on
 * (the API prepares its statements, statement-names.ts). See docs/performance/api-read.md for why the check stays
 * an EXISTS the planner can also hash: bulk reads of charts need that.
 */
const PATIENTS = 3000;
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 1 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 1 });

const org = randomUUID();
const site = randomUUID();
const supervisor = randomUUID();
const clinician = randomUUID();
let patient: string;

async function asApp<T>(user: string, scope: 'site' | 'assigned', fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await app.connect();
  try {
    await c.query('BEGIN');
    await c.query(tenantSettingsSql({ organizationId: org, userId: user, siteIds: 'all', patientScope: scope }));
    return await fn(c);
  } finally {
    await c.query('ROLLBACK');
    c.release();
  }
}

interface PlanNode {
  'Relation Name'?: string;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

/** The plan of one statement, executed, with the pages it touched. */
async function explain(c: PoolClient, sql: string, params: unknown[]): Promise<{ pages: number; relations: string[]; rows: number }> {
  const { rows } = await c.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
  const top = (rows[0]['QUERY PLAN'] as { Plan: PlanNode & { 'Actual Rows': number } }[])[0]!.Plan;
  const relations: string[] = [];
  const walk = (n: PlanNode) => {
    if (n['Relation Name']) relations.push(n['Relation Name']);
    n.Plans?.forEach(walk);
  };
  walk(top);
  return { pages: top['Shared Hit Blocks'] + top['Shared Read Blocks'], relations, rows: top['Actual Rows'] };
}

beforeAll(async () => {
  await owner.query(`INSERT INTO pf_organizations (id, name, slug) VALUES ($1, 'Scale Org', $2)`, [org, `scale-${org}`]);
  await owner.query(`INSERT INTO pf_sites (organization_id, id, code, name) VALUES ($1, $2, 'S1', 'Scale site')`, [org, site]);
  await owner.query(
    `INSERT INTO pf_staff_users (id, email, display_name, password_hash)
     VALUES ($1, $3, 'S', 'x'), ($2, $4, 'C', 'x')`,
    [supervisor, clinician, `s-${supervisor}@t.test`, `c-${clinician}@t.test`],
  );
  await owner.query(
    `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, all_sites, site_ids)
     VALUES ($1, gen_random_uuid(), $2, 'supervisor', true, '{}'), ($1, gen_random_uuid(), $3, 'clinician', true, '{}')`,
    [org, supervisor, clinician],
  );
  await owner.query(
    `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth)
       SELECT $1, gen_random_uuid(), $2, 'Pat', 'Scale ' || g, date '1980-01-01' + g FROM generate_series(1, $3::int) g`,
    [org, site, PATIENTS],
  );
  await owner.query(
    `INSERT INTO cl_charts (organization_id, id, patient_id, mrn)
       SELECT organization_id, gen_random_uuid(), id, 'SC-' || row_number() OVER () FROM cl_patients WHERE organization_id = $1`,
    [org],
  );
  const { rows } = await owner.query(`SELECT id FROM cl_patients WHERE organization_id = $1 ORDER BY last_name LIMIT 1`, [org]);
  patient = rows[0].id;
  await owner.query(
    `INSERT INTO cl_care_team_assignments (organization_id, id, patient_id, staff_user_id, role, started_on)
     VALUES ($1, gen_random_uuid(), $2, $3, 'primary_therapist', date '2020-01-01')`,
    [org, patient, supervisor],
  );
  await owner.query('ANALYZE cl_patients, cl_charts, cl_care_team_assignments');
});

afterAll(async () => {
  await Promise.all([owner.end(), app.end()]);
});

describe('chart and care-team policies at scale', () => {
  it.each(['auto', 'force_generic_plan'])(
    `reads one chart and its care team of an organization with ${PATIENTS} patients in a handful of pages (plan_cache_mode %s)`,
    async (mode) => {
      await asApp(supervisor, 'site', async (c) => {
        expect((await c.query(`SELECT count(*)::int AS n FROM cl_patients`)).rows[0].n).toBe(PATIENTS);
        await c.query(`SET LOCAL plan_cache_mode = ${mode}`);
        for (const table of ['cl_charts', 'cl_care_team_assignments']) {
          await c.query(`PREPARE point_read (uuid, uuid) AS SELECT * FROM ${table} WHERE organization_id = $1 AND patient_id = $2`);
          const plan = await explain(c, `EXECUTE point_read('${org}', '${patient}')`, []);
          await c.query('DEALLOCATE point_read');
          expect(plan.rows).toBe(1);
          // Hashing every visible patient would read all of cl_patients' pages for the organization (~100 here).
          expect(plan.pages).toBeLessThan(40);
        }
      });
    },
  );

  it('still hides the chart and care team of a patient the caller cannot see', async () => {
    await asApp(clinician, 'assigned', async (c) => {
      for (const table of ['cl_charts', 'cl_care_team_assignments']) {
        const { rows } = await c.query(`SELECT 1 FROM ${table} WHERE organization_id = $1 AND patient_id = $2`, [org, patient]);
        expect(rows).toEqual([]);
      }
      // And refuses to write one for that patient (the WITH CHECK asks the same question).
      await expect(
        c.query(
          `INSERT INTO cl_care_team_assignments (organization_id, id, patient_id, staff_user_id, role, started_on)
                 VALUES ($1, gen_random_uuid(), $2, $3, 'primary_therapist', current_date)`,
          [org, patient, clinician],
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });
});
