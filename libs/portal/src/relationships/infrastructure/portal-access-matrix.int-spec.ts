import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { queryAsTenant, TenantContext, tenantSettingsSql } from '@cairn/platform/db';

/**
 * The portal's access matrix, through row-level security itself (raw SQL as the app role, no handler): every
 * portal table (discovered: every po_* table with a patient_id, so tables added later are covered without an edit
 * here) against every subject of ADR 0015 — the client, the current primary therapist, another therapist, the
 * former therapist after a reassignment, a portal admin, another organization's admin — plus a Part 2 chart
 * without consent, and a live reassignment that moves access in the next statement.
 *
 * The same fixture rows prove the erasure of a patient (po_erase_patient, ADR 0018) at the end: every portal table
 * (discovered the same way) is counted for the patient before and after, and no one else's row goes.
 *
 * A table whose rows need values the generic filler cannot invent declares them in FIXTURE_VALUES.
 */
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });
const id = () => randomUUID();

/** Column values a table needs beyond the generic ones (a check constraint, a vocabulary). */
const FIXTURE_VALUES: Record<string, Record<string, unknown>> = {
  po_mood_entries: { score: 5, symptoms: [] },
  po_accounts: { status: 'active' },
  po_goals: { created_by_kind: 'staff' },
  po_goal_progress: { status: 'active', author_kind: 'staff' },
  po_resources: { kind: 'link', url: 'https://example.org/handout' },
  po_crisis_alerts: { open_count: 3 },
  // Closed requests: the generic rows would otherwise be a patient's second open request (one at a time).
  po_change_requests: { status: 'denied' },
  po_payment_methods: { last4: '4242', exp_month: 12, exp_year: 2030, processor_token: 'tok_fixture' },
  po_client_notifications: { kind: 'homework.assigned' },
};
/** Tables whose staff read rule is the account rule (portal.accounts.manage over the CL scope), not the clinical one. */
const ACCOUNT_TABLES = ['po_accounts', 'po_invitations', 'po_refresh_tokens'];
/** Billing tables: the client, portal admins and billing staff (portal.billing.view); never the therapist as such. */
const BILLING_TABLES = ['po_insurance_cards', 'po_payment_methods'];
/** The client's own feeds (no sharing flag, never shared): the client and portal admins; never the therapist as such. */
const CLIENT_FEED_TABLES = ['po_client_notifications'];

const orgA = id();
const orgB = id();
const site = id();
const siteB = id();
const staff = { now: id(), other: id(), former: id(), admin: id(), adminB: id(), supervisor: id(), biller: id() };
const patient = { p: id(), q: id(), part2: id(), b: id() };
const account = { p: id(), q: id(), part2: id(), b: id() };

type Subject = 'client' | 'otherClient' | 'therapist' | 'otherTherapist' | 'formerTherapist' | 'admin' | 'otherOrgAdmin' | 'biller';
const ctx: Record<Subject, TenantContext> = {
  client: { organizationId: orgA, userId: account.p, siteIds: [], patientScope: 'portal' },
  otherClient: { organizationId: orgA, userId: account.q, siteIds: [], patientScope: 'portal' },
  therapist: { organizationId: orgA, userId: staff.now, siteIds: 'all', patientScope: 'assigned' },
  otherTherapist: { organizationId: orgA, userId: staff.other, siteIds: 'all', patientScope: 'assigned' },
  formerTherapist: { organizationId: orgA, userId: staff.former, siteIds: 'all', patientScope: 'assigned' },
  admin: { organizationId: orgA, userId: staff.admin, siteIds: 'all', patientScope: 'site' },
  otherOrgAdmin: { organizationId: orgB, userId: staff.adminB, siteIds: 'all', patientScope: 'site' },
  biller: { organizationId: orgA, userId: staff.biller, siteIds: 'all', patientScope: 'site' },
};

interface Column {
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
}

let tables: { name: string; columns: Column[]; shared: boolean }[] = [];
/** The fixture rows of each table: [row id, patient key, shared]. */
const rowsOf = new Map<string, { id: string; patient: keyof typeof patient; shared: boolean }[]>();

function valueFor(table: string, c: Column, org: string, patientId: string, shared: boolean, rowId: string): unknown {
  const override = FIXTURE_VALUES[table]?.[c.column_name];
  if (override !== undefined) return override;
  switch (c.column_name) {
    case 'organization_id':
      return org;
    case 'id':
      return rowId;
    case 'patient_id':
      return patientId;
    case 'shared_with_clinician':
      return shared;
  }
  if (c.is_nullable === 'YES' || c.column_default !== null) return undefined;
  switch (c.udt_name) {
    case 'uuid':
      return id();
    case 'text':
    case 'varchar':
      return `x-${id()}`;
    case 'int4':
    case 'int8':
    case 'int2':
    case 'numeric':
      return 1;
    case 'bool':
      return false;
    case 'date':
      return '2026-11-02';
    case 'timestamptz':
    case 'timestamp':
      return new Date();
    case 'bytea':
      return Buffer.from('%PDF-1.4 fixture');
    case 'jsonb':
    case 'json':
      return {};
    case '_text':
    case '_uuid':
      return [];
    default:
      throw new Error(`${table}.${c.column_name}: no generic value for ${c.udt_name}; add it to FIXTURE_VALUES`);
  }
}

async function insertRow(
  table: { name: string; columns: Column[] },
  org: string,
  key: keyof typeof patient,
  shared: boolean,
): Promise<void> {
  const rowId = id();
  const values = table.columns
    .map((c) => [c.column_name, valueFor(table.name, c, org, patient[key], shared, rowId)] as const)
    .filter(([, v]) => v !== undefined);
  const sql = `INSERT INTO ${table.name} (${values.map(([n]) => `"${n}"`).join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`;
  await owner.query(
    sql,
    values.map(([, v]) => v),
  );
  rowsOf.set(table.name, [...(rowsOf.get(table.name) ?? []), { id: rowId, patient: key, shared }]);
}

const visibleIds = async (who: Subject, table: string) =>
  new Set((await queryAsTenant<{ id: string }>(app, ctx[who], `SELECT id FROM ${table}`)).map((r) => r.id));

beforeAll(async () => {
  const q = (sql: string, params: unknown[] = []) => owner.query(sql, params);
  for (const [org, slug, s] of [
    [orgA, 'matrix-a', site],
    [orgB, 'matrix-b', siteB],
  ] as const) {
    await q(`INSERT INTO pf_organizations (id, name, slug) VALUES ($1::uuid, $2, $2 || '-' || $1::text)`, [org, slug]);
    await q(`INSERT INTO pf_sites (organization_id, id, code, name) VALUES ($1, $2, 'S', 'S')`, [org, s]);
  }
  for (const u of Object.values(staff)) {
    await q(`INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1::uuid, $1::text || '@matrix.test', 'U', 'x')`, [
      u,
    ]);
  }
  await q(
    `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, all_sites, site_ids) VALUES
       ($1, gen_random_uuid(), $3, 'clinician', true, '{}'), ($1, gen_random_uuid(), $4, 'clinician', true, '{}'),
       ($1, gen_random_uuid(), $5, 'clinician', true, '{}'), ($1, gen_random_uuid(), $6, 'admin', true, '{}'),
       ($2, gen_random_uuid(), $7, 'admin', true, '{}'), ($1, gen_random_uuid(), $8, 'billing_coordinator', true, '{}')`,
    [orgA, orgB, staff.now, staff.other, staff.former, staff.admin, staff.adminB, staff.biller],
  );
  const addPatient = async (org: string, s: string, key: keyof typeof patient, part2: boolean) => {
    await q(
      `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth) VALUES ($1, $2, $3, 'P', $4, '1990-01-01')`,
      [org, patient[key], s, key],
    );
    await q(`INSERT INTO cl_charts (organization_id, id, patient_id, mrn, is_part2, part2_program_name) VALUES ($1, $2, $3, $4, $5, $6)`, [
      org,
      id(),
      patient[key],
      `M-${id().slice(0, 12)}`,
      part2,
      part2 ? 'OTP' : null,
    ]);
  };
  await addPatient(orgA, site, 'p', false);
  await addPatient(orgA, site, 'q', false);
  await addPatient(orgA, site, 'part2', true);
  await addPatient(orgB, siteB, 'b', false);
  const assign = (org: string, p: string, u: string, from: string, to: string | null) =>
    q(
      `INSERT INTO cl_care_team_assignments (organization_id, id, patient_id, staff_user_id, role, started_on, ended_on)
       VALUES ($1, gen_random_uuid(), $2, $3, 'primary_therapist', current_date + $4::int, current_date + $5::int)`,
      [org, p, u, from, to],
    );
  // P: the former therapist until yesterday, the current one from today (a reassignment); Q: the other therapist.
  await assign(orgA, patient.p, staff.former, '-90', '-1');
  await assign(orgA, patient.p, staff.now, '0', null);
  await assign(orgA, patient.q, staff.other, '-90', null);
  await assign(orgA, patient.part2, staff.now, '-90', null);
  for (const [key, org] of [
    ['p', orgA],
    ['q', orgA],
    ['part2', orgA],
    ['b', orgB],
  ] as const) {
    await q(
      `INSERT INTO po_accounts (organization_id, id, patient_id, email, status, invited_by, password_hash) VALUES ($1, $2, $3, $4, 'active', $5, 'x')`,
      [org, account[key], patient[key], `${account[key]}@matrix.test`, staff.admin],
    );
    rowsOf.set('po_accounts', [...(rowsOf.get('po_accounts') ?? []), { id: account[key], patient: key, shared: true }]);
  }

  const { rows } = await q(
    `SELECT t.table_name FROM information_schema.tables t
     WHERE t.table_schema = 'public' AND t.table_name LIKE 'po\\_%' AND t.table_type = 'BASE TABLE'
       AND EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'patient_id')
     ORDER BY 1`,
  );
  for (const { table_name: name } of rows as { table_name: string }[]) {
    const cols = (
      await q(
        `SELECT column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [name],
      )
    ).rows as Column[];
    const table = { name, columns: cols, shared: cols.some((c) => c.column_name === 'shared_with_clinician') };
    tables.push(table);
    if (name === 'po_accounts') continue;
    for (const key of ['p', 'q', 'part2'] as const) {
      await insertRow(table, orgA, key, true);
      if (table.shared) await insertRow(table, orgA, key, false);
    }
    await insertRow(table, orgB, 'b', true);
  }
  tables = tables.sort((a, b) => a.name.localeCompare(b.name));
});

afterAll(async () => {
  await Promise.all([owner.end(), app.end()]);
});

/** What a subject should see of a table: the fixture rows the rule admits. */
function expected(who: Subject, table: { name: string; shared: boolean }): string[] {
  const rows = rowsOf.get(table.name) ?? [];
  const account = ACCOUNT_TABLES.includes(table.name);
  const billing = BILLING_TABLES.includes(table.name);
  const feed = CLIENT_FEED_TABLES.includes(table.name);
  const admit = (r: { patient: keyof typeof patient; shared: boolean }): boolean => {
    switch (who) {
      case 'client':
        return r.patient === 'p';
      case 'otherClient':
        return r.patient === 'q';
      case 'therapist':
        // The current primary therapist of P (and of the Part 2 patient, which has no consent): P's shared rows;
        // for the account tables, the patients in the clinician's CL scope (the care team) with the account rule.
        if (billing || feed) return false;
        return account ? r.patient === 'p' || r.patient === 'part2' : r.patient === 'p' && r.shared;
      case 'otherTherapist':
        if (billing || feed) return false;
        return account ? r.patient === 'q' : r.patient === 'q' && r.shared;
      case 'formerTherapist':
        return false;
      case 'admin':
        return account ? r.patient !== 'b' : r.patient === 'p' || r.patient === 'q';
      case 'otherOrgAdmin':
        return r.patient === 'b';
      case 'biller':
        // Billing staff: the billing tables of the patients in their scope whose chart's consent check passes.
        return billing && (r.patient === 'p' || r.patient === 'q');
    }
  };
  return rows
    .filter(admit)
    .map((r) => r.id)
    .sort();
}

describe('the portal access matrix, through row-level security', () => {
  it('covers every portal table (discovered, not listed)', () => {
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['po_accounts', 'po_files', 'po_mood_entries', 'po_journal_entries', 'po_notifications']),
    );
    for (const t of tables)
      expect({ table: t.name, fixtureRows: (rowsOf.get(t.name) ?? []).length > 0 }).toEqual({ table: t.name, fixtureRows: true });
  });

  const subjects: Subject[] = [
    'client',
    'otherClient',
    'therapist',
    'otherTherapist',
    'formerTherapist',
    'admin',
    'otherOrgAdmin',
    'biller',
  ];
  it.each(subjects)('%s sees exactly the rows of its rule in every portal table', async (who) => {
    const problems: string[] = [];
    for (const t of tables) {
      const seen = [...(await visibleIds(who, t.name))].filter((x) => (rowsOf.get(t.name) ?? []).some((r) => r.id === x)).sort();
      const want = expected(who, t);
      if (JSON.stringify(seen) !== JSON.stringify(want)) problems.push(`${t.name}: saw ${seen.length}, expected ${want.length}`);
    }
    expect(problems).toEqual([]);
  });

  it('moves access with the reassignment, in the next statement, with no code involved', async () => {
    const mood = tables.find((t) => t.name === 'po_mood_entries')!;
    const sharedOfP = expected('therapist', mood);
    expect(sharedOfP.length).toBeGreaterThan(0);
    const q = (who: Subject) => visibleIds(who, 'po_mood_entries');
    expect([...(await q('therapist'))].filter((x) => sharedOfP.includes(x))).toHaveLength(sharedOfP.length);
    await owner.query(
      `UPDATE cl_care_team_assignments SET ended_on = current_date - 1, started_on = current_date - 2 WHERE patient_id = $1 AND staff_user_id = $2`,
      [patient.p, staff.now],
    );
    await owner.query(
      `INSERT INTO cl_care_team_assignments (organization_id, id, patient_id, staff_user_id, role, started_on) VALUES ($1, gen_random_uuid(), $2, $3, 'primary_therapist', current_date)`,
      [orgA, patient.p, staff.other],
    );
    try {
      expect([...(await q('therapist'))].filter((x) => sharedOfP.includes(x))).toEqual([]);
      expect([...(await q('otherTherapist'))].filter((x) => sharedOfP.includes(x)).sort()).toEqual(sharedOfP);
    } finally {
      await owner.query(`DELETE FROM cl_care_team_assignments WHERE patient_id = $1 AND staff_user_id = $2`, [patient.p, staff.other]);
      await owner.query(
        `UPDATE cl_care_team_assignments SET ended_on = NULL, started_on = current_date WHERE patient_id = $1 AND staff_user_id = $2`,
        [patient.p, staff.now],
      );
    }
  });

  it('shows the client nothing once the account is disabled or the patient inactive', async () => {
    const before = await visibleIds('client', 'po_mood_entries');
    expect(before.size).toBeGreaterThan(0);
    await owner.query(`UPDATE po_accounts SET status = 'disabled' WHERE id = $1`, [account.p]);
    expect((await visibleIds('client', 'po_mood_entries')).size).toBe(0);
    await owner.query(`UPDATE po_accounts SET status = 'active' WHERE id = $1`, [account.p]);
    await owner.query(`UPDATE cl_patients SET status = 'inactive' WHERE id = $1`, [patient.p]);
    expect((await visibleIds('client', 'po_mood_entries')).size).toBe(0);
    await owner.query(`UPDATE cl_patients SET status = 'active' WHERE id = $1`, [patient.p]);
    expect((await visibleIds('client', 'po_mood_entries')).size).toBe(before.size);
  });

  it("lets the client read its own organization's row (its time zone dates the client's day), and no other organization's", async () => {
    const orgs = async (who: Subject | TenantContext) =>
      (await queryAsTenant<{ id: string }>(app, typeof who === 'string' ? ctx[who] : who, 'SELECT id FROM pf_organizations')).map(
        (r) => r.id,
      );
    expect(await orgs('client')).toEqual([orgA]);
    expect(await orgs('otherClient')).toEqual([orgA]);
    // A client naming another organization in its context is no client there: no account, no row.
    expect(await orgs({ ...ctx.client, organizationId: orgB })).toEqual([]);
    await owner.query(`UPDATE po_accounts SET status = 'disabled' WHERE id = $1`, [account.p]);
    expect(await orgs('client')).toEqual([]);
    await owner.query(`UPDATE po_accounts SET status = 'active' WHERE id = $1`, [account.p]);
    expect(await orgs('otherOrgAdmin')).toEqual([orgB]);
  });

  it('refuses writes outside the rule: a client for another patient, a therapist on client records, another therapist on prompts', async () => {
    const RLS = /row-level security/;
    const insertMood = (who: Subject, p: string) =>
      queryAsTenant(
        app,
        ctx[who],
        `INSERT INTO po_mood_entries (organization_id, id, patient_id, entry_date, score, symptoms) VALUES ($1, $2, $3, current_date, 4, '{}')`,
        [orgA, id(), p],
      );
    await expect(insertMood('client', patient.q)).rejects.toThrow(RLS);
    await expect(insertMood('therapist', patient.p)).rejects.toThrow(RLS);
    await expect(insertMood('admin', patient.p)).rejects.toThrow(RLS);
    await expect(insertMood('client', patient.p)).resolves.toEqual([]);
    const insertPrompt = (who: Subject) =>
      queryAsTenant(
        app,
        ctx[who],
        `INSERT INTO po_prompts (organization_id, id, patient_id, kind, question, available_from, created_by) VALUES ($1, $2, $3, 'check_in', 'How are you?', now(), $4)`,
        [orgA, id(), patient.p, ctx[who].userId],
      );
    await expect(insertPrompt('otherTherapist')).rejects.toThrow(RLS);
    await expect(insertPrompt('formerTherapist')).rejects.toThrow(RLS);
    await expect(insertPrompt('client')).rejects.toThrow(RLS);
    await expect(insertPrompt('therapist')).resolves.toEqual([]);
    // Nobody moves a row to another patient or organization.
    await expect(
      queryAsTenant(app, ctx.client, `UPDATE po_mood_entries SET patient_id = $1 WHERE patient_id = $2`, [patient.q, patient.p]),
    ).rejects.toThrow(RLS);
  });
});

describe("erasing a patient's portal data (po_erase_patient), over the same fixture rows", () => {
  /** Rows of one patient in every discovered portal table. */
  const countsOf = async (key: keyof typeof patient): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const t of tables) {
      const { rows } = await owner.query<{ n: string }>(`SELECT count(*) AS n FROM ${t.name} WHERE patient_id = $1`, [patient[key]]);
      out[t.name] = Number(rows[0]!.n);
    }
    return out;
  };
  const erase = (who: Subject, org: string, p: string) =>
    queryAsTenant<{ erased: Record<string, number> | null }>(app, ctx[who], 'SELECT po_erase_patient($1, $2) AS erased', [org, p]);
  /** Runs statements as the owner in one transaction under the admin's tenant context, and rolls it all back. */
  const inRolledBackTransaction = async (fn: (q: (sql: string, params?: unknown[]) => Promise<unknown[]>) => Promise<void>) => {
    const c = await owner.connect();
    try {
      await c.query('BEGIN');
      await c.query(tenantSettingsSql(ctx.admin));
      await fn(async (sql, params = []) => (await c.query(sql, params)).rows);
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  };

  it('finds every portal table a patient has rows in: each one carries organization_id and patient_id', async () => {
    const { rows } = await owner.query<{ table_name: string }>(
      `SELECT t.table_name FROM information_schema.tables t
       WHERE t.table_schema = 'public' AND t.table_name LIKE 'po\\_%' AND t.table_type = 'BASE TABLE'
         AND (SELECT count(*) FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name
                AND c.column_name IN ('organization_id', 'patient_id')) < 2`,
    );
    expect(rows.map((r) => r.table_name)).toEqual([]);
  });

  it('refuses a caller without patients.delete (a therapist, the client, another organization), and answers null outside the scope', async () => {
    const PRIVILEGE = /patients\.delete/;
    await expect(erase('therapist', orgA, patient.q)).rejects.toThrow(PRIVILEGE);
    await expect(erase('client', orgA, patient.p)).rejects.toThrow(PRIVILEGE);
    await expect(erase('otherOrgAdmin', orgA, patient.q)).rejects.toThrow(PRIVILEGE);
    expect(await erase('otherOrgAdmin', orgB, patient.q)).toEqual([{ erased: null }]);
    expect(await erase('admin', orgA, patient.b)).toEqual([{ erased: null }]);
    expect(await erase('admin', orgA, id())).toEqual([{ erased: null }]);
    const before = await countsOf('q');
    expect(Object.values(before).every((n) => n > 0)).toBe(true);
  });

  it('stops at the first failure: an error in one table (a trigger) is not swallowed and leaves every table as it was', async () => {
    const before = await countsOf('q');
    await inRolledBackTransaction(async (q) => {
      // Scoped to the fixture patient and never committed: no other test can see the trigger.
      await q(`CREATE FUNCTION pg_temp.refuse_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN RAISE EXCEPTION 'erasure stopped midway'; END $$`);
      await q(`CREATE TRIGGER refuse_erasure BEFORE DELETE ON po_journal_entries FOR EACH ROW
               WHEN (OLD.patient_id = '${patient.q}') EXECUTE FUNCTION pg_temp.refuse_erasure()`);
      await q('SAVEPOINT erasure');
      await expect(q('SELECT po_erase_patient($1, $2)', [orgA, patient.q])).rejects.toThrow(/erasure stopped midway/);
      await q('ROLLBACK TO SAVEPOINT erasure');
    });
    expect(await countsOf('q')).toEqual(before);
  });

  it('erases a table another portal table references after the referencing one, whatever their names', async () => {
    await inRolledBackTransaction(async (q) => {
      // Named so that the referenced table sorts first: erasing in name order would break the foreign key.
      await q(`CREATE TABLE po_aa_erasure_parent (organization_id uuid NOT NULL, id uuid NOT NULL, patient_id uuid NOT NULL,
                 PRIMARY KEY (organization_id, id))`);
      await q(`CREATE TABLE po_ab_erasure_child (organization_id uuid NOT NULL, id uuid NOT NULL, patient_id uuid NOT NULL,
                 parent_id uuid NOT NULL, PRIMARY KEY (organization_id, id),
                 FOREIGN KEY (organization_id, parent_id) REFERENCES po_aa_erasure_parent (organization_id, id) ON DELETE RESTRICT)`);
      const parent = id();
      await q('INSERT INTO po_aa_erasure_parent VALUES ($1, $2, $3)', [orgA, parent, patient.q]);
      await q('INSERT INTO po_ab_erasure_child VALUES ($1, $2, $3, $4), ($1, $5, $3, $4)', [orgA, id(), patient.q, parent, id()]);
      const [row] = (await q('SELECT po_erase_patient($1, $2) AS erased', [orgA, patient.q])) as { erased: Record<string, number> }[];
      expect(row!.erased).toMatchObject({ po_aa_erasure_parent: 1, po_ab_erasure_child: 2 });
    });
  });

  it("erases every row and file of the patient in every portal table (counted before and after), and no one else's", async () => {
    const before = { q: await countsOf('q'), p: await countsOf('p'), part2: await countsOf('part2'), b: await countsOf('b') };
    for (const [table, n] of Object.entries(before.q)) expect({ table, rows: n > 0 }).toEqual({ table, rows: true });

    const [{ erased }] = (await erase('admin', orgA, patient.q)) as [{ erased: Record<string, number> }];

    expect(erased).toEqual(before.q);
    expect(Object.values(await countsOf('q')).every((n) => n === 0)).toBe(true);
    expect(await countsOf('p')).toEqual(before.p);
    expect(await countsOf('part2')).toEqual(before.part2);
    expect(await countsOf('b')).toEqual(before.b);
    // Erasing again finds nothing, and says so table by table.
    const [{ erased: again }] = (await erase('admin', orgA, patient.q)) as [{ erased: Record<string, number> }];
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    expect(Object.keys(again).sort()).toEqual(Object.keys(before.q).sort());
  });

  it('keeps a deleted patient out of every staff scope: nothing of theirs can be written again', async () => {
    await owner.query(`UPDATE cl_patients SET status = 'deleted' WHERE id = $1`, [patient.q]);
    await expect(
      queryAsTenant(
        app,
        ctx.admin,
        `INSERT INTO po_prompts (organization_id, id, patient_id, kind, question, available_from, created_by) VALUES ($1, $2, $3, 'check_in', 'Still there?', now(), $4)`,
        [orgA, id(), patient.q, staff.admin],
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await erase('admin', orgA, patient.q)).toEqual([{ erased: null }]);
  });
});
