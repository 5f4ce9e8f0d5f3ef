import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';

import { AT_COMMIT, createTenantPool } from './tenant-pool';

/**
 * The tenant pool's at-commit statements against the real database: an audit event held back until its
 * transaction's COMMIT and sent in the same message, sealed by its BEFORE INSERT trigger in one write. Every
 * statement goes through the pool the way Prisma's adapter sends it (one config object, a promise back).
 */
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
const app = createTenantPool({ connectionString: process.env['DATABASE_URL'], max: 1 }); // max 1: one connection throughout
const other = new Pool({ connectionString: process.env['DATABASE_URL'], max: 1 });

const org = randomUUID();
const user = randomUUID();

const insertSql = `${AT_COMMIT} INSERT INTO pf_audit_events (chain_key, organization_id, actor_user_id, actor_type, action,
    resource_type, resource_id, scope, outcome)
  VALUES ('00000000-0000-0000-0000-000000000000'::uuid, $1::uuid, $2::uuid, 'staff', 'pool.test', 'patient', $3, '{}'::jsonb, 'success')`;

function run(c: PoolClient, text: string, values?: unknown[]) {
  return c.query({ text, values });
}

async function begin(c: PoolClient): Promise<void> {
  await run(c, 'BEGIN');
  await run(c, `SELECT set_config('app.org_id', '${org}', true), set_config('app.user_id', '${user}', true)`);
}

async function withClient<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await app.connect();
  try {
    return await fn(c);
  } finally {
    c.release();
  }
}

async function stored(resourceId: string): Promise<{ seq: string | null; hash: string | null }[]> {
  const { rows } = await owner.query(`SELECT seq::text, hash FROM pf_audit_events WHERE chain_key = $1 AND resource_id = $2`, [
    org,
    resourceId,
  ]);
  return rows;
}

/** Appends one event from a plain connection of the app role, in its own transaction. */
async function appendElsewhere(resourceId: string): Promise<void> {
  const c = await other.connect();
  try {
    await c.query('BEGIN');
    await c.query(`SELECT set_config('app.org_id', $1, true), set_config('app.user_id', $2, true)`, [org, user]);
    await c.query(insertSql.replace(AT_COMMIT, ''), [org, user, resourceId]);
    await c.query('COMMIT');
  } finally {
    c.release();
  }
}

beforeAll(async () => {
  await owner.query(`INSERT INTO pf_organizations (id, name, slug) VALUES ($1, 'Pool Org', $2)`, [org, `pool-${org}`]);
  await owner.query(`INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1, $2, 'Pool', 'x')`, [
    user,
    `pool-${user}@t.test`,
  ]);
});

afterAll(async () => {
  await Promise.all([owner.end(), app.end(), other.end()]);
});

describe('tenant pool: at-commit statements', () => {
  it('holds the statement back until COMMIT, then writes it once, sealed, without holding the chain meanwhile', async () => {
    const id = randomUUID();
    await withClient(async (c) => {
      await begin(c);
      const result = await run(c, insertSql, [org, user, id]);
      expect(result.rowCount).toBe(1);
      // Not sent yet: this transaction has inserted nothing into the table (whatever row-level security shows it).
      const inserted = await run(c, `SELECT n_tup_ins::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'pf_audit_events'`);
      expect(inserted.rows[0].n).toBe(0);
      // So the chain head is not locked: another writer of the same organization appends at once.
      const elsewhere = randomUUID();
      await appendElsewhere(elsewhere);
      expect(await stored(elsewhere)).toHaveLength(1);
      await run(c, 'COMMIT');
    });
    const rows = await stored(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.seq).not.toBeNull();
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('drops what it held on ROLLBACK, and on ROLLBACK TO SAVEPOINT what it held since the savepoint', async () => {
    const [rolledBack, kept, afterSavepoint] = [randomUUID(), randomUUID(), randomUUID()];
    await withClient(async (c) => {
      await begin(c);
      await run(c, insertSql, [org, user, rolledBack]);
      await run(c, 'ROLLBACK');
      await begin(c);
      await run(c, insertSql, [org, user, kept]);
      await run(c, 'SAVEPOINT s1');
      await run(c, insertSql, [org, user, afterSavepoint]);
      await run(c, 'ROLLBACK TO SAVEPOINT s1');
      await run(c, 'COMMIT');
    });
    expect(await stored(rolledBack)).toEqual([]);
    expect(await stored(kept)).toHaveLength(1);
    expect(await stored(afterSavepoint)).toEqual([]);
  });

  it('fails the COMMIT when a held statement fails, writes nothing, and leaves the connection clean', async () => {
    const first = randomUUID();
    await withClient(async (c) => {
      await begin(c);
      await run(c, insertSql, [org, user, first]);
      // Accepted now (held back), refused when it runs: not a uuid.
      await run(c, insertSql, ['not-a-uuid', user, randomUUID()]);
      await expect(run(c, 'COMMIT')).rejects.toThrow(/invalid input syntax for type uuid/);
      // The pool ended the aborted transaction: the same connection works at once.
      expect((await run(c, 'SELECT 1 AS one')).rows[0].one).toBe(1);
    });
    expect(await stored(first)).toEqual([]);
    const next = randomUUID();
    await withClient(async (c) => {
      await begin(c);
      await run(c, insertSql, [org, user, next]);
      await run(c, 'COMMIT');
    });
    expect(await stored(next)).toHaveLength(1);
  });

  it('runs the statement at once outside a transaction', async () => {
    const id = randomUUID();
    // Outside a transaction there is no tenant context: an organization-less event is what the policy admits.
    await withClient((c) => run(c, insertSql.replace('$1::uuid', 'NULL::uuid').replace('$2', '$1').replace('$3', '$2'), [user, id]));
    const { rows } = await owner.query(`SELECT seq FROM pf_audit_events WHERE organization_id IS NULL AND resource_id = $1`, [id]);
    expect(rows).toHaveLength(1);
  });

  it('runs a statement whose value cannot be a literal (a NUL) at once, where PostgreSQL refuses it by name', async () => {
    await withClient(async (c) => {
      await begin(c);
      await expect(run(c, insertSql, [org, user, 'nul\u0000byte'])).rejects.toThrow(/0x00/);
      await run(c, 'ROLLBACK');
    });
  });
});
