import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { verifyAuditLog } from './verify-audit-log';

/** The audit log as the database enforces it: append-only, hash-chained per organization, serialised writers. */
const admin = new Pool({ connectionString: process.env['DATABASE_ADMIN_URL'], max: 1 });
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 10 });

const org = randomUUID();
const user = randomUUID();

async function appendAsApp(n: number, action = 'patient.read'): Promise<void> {
  const c = await app.connect();
  try {
    for (let i = 0; i < n; i++) {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.org_id', $1, true), set_config('app.user_id', $2, true)`, [org, user]);
      await c.query(
        `INSERT INTO pf_audit_events (chain_key, organization_id, actor_user_id, actor_type, action, resource_type, resource_id, scope, outcome)
         VALUES ('00000000-0000-0000-0000-000000000000', $1, $2, 'staff', $3, 'patient', $4, '{"sites":"all"}', 'success')`,
        [org, user, action, randomUUID()],
      );
      await c.query('COMMIT');
    }
  } finally {
    c.release();
  }
}

async function chain(): Promise<{ seq: string; prev_hash: string; hash: string }[]> {
  const { rows } = await owner.query(
    `SELECT seq::text, prev_hash, hash FROM pf_audit_events WHERE chain_key = $1 ORDER BY pf_audit_events.seq`,
    [org],
  );
  return rows;
}

async function verify() {
  return (await verifyAuditLog(process.env['DATABASE_OWNER_URL']!)).find((r) => r.chainKey === org)!;
}

beforeAll(async () => {
  await owner.query(`INSERT INTO pf_organizations (id, name, slug) VALUES ($1, 'Audit Org', $2)`, [org, `audit-${org}`]);
  await owner.query(`INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1, $2, 'Auditor', 'x')`, [
    user,
    `audit-${user}@t.test`,
  ]);
  await owner.query(
    `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key) VALUES ($1, gen_random_uuid(), $2, 'admin')`,
    [org, user],
  );
});

afterAll(async () => {
  await Promise.all([admin.end(), owner.end(), app.end()]);
});

describe('audit log', () => {
  it('links each event to the previous one by hash, with consecutive sequence numbers', async () => {
    await appendAsApp(5);
    const rows = await chain();
    expect(rows.map((r) => r.seq)).toEqual(['1', '2', '3', '4', '5']);
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await verify()).toMatchObject({ firstBrokenSeq: null, eventsChecked: 5 });
  });

  it('keeps one unforked chain when many writers append at once', async () => {
    const before = (await chain()).length;
    await Promise.all(Array.from({ length: 8 }, () => appendAsApp(10)));
    const rows = await chain();
    expect(rows.length).toBe(before + 80);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
    expect(await verify()).toMatchObject({ firstBrokenSeq: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE from the app role', async () => {
    for (const sql of [
      'UPDATE pf_audit_events SET outcome = $1',
      'DELETE FROM pf_audit_events WHERE outcome = $1',
      'TRUNCATE pf_audit_events',
    ]) {
      const c = await app.connect();
      try {
        await expect(c.query(sql, sql.includes('$1') ? ['x'] : [])).rejects.toThrow(/permission denied/);
      } finally {
        c.release();
      }
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE even from the owner (trigger)', async () => {
    await expect(owner.query(`UPDATE pf_audit_events SET outcome = 'x' WHERE chain_key = $1`, [org])).rejects.toThrow(/append-only/);
    await expect(owner.query(`DELETE FROM pf_audit_events WHERE chain_key = $1`, [org])).rejects.toThrow(/append-only/);
    await expect(owner.query(`TRUNCATE pf_audit_events`)).rejects.toThrow(/append-only/);
  });

  it('leaves no gap in the chain when an audited transaction rolls back', async () => {
    const before = (await chain()).length;
    const c = await app.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.org_id', $1, true)`, [org]);
      await c.query(
        `INSERT INTO pf_audit_events (chain_key, organization_id, actor_user_id, actor_type, action, resource_type, outcome)
         VALUES ('00000000-0000-0000-0000-000000000000', $1, $2, 'staff', 'patient.read', 'patient', 'success')`,
        [org, user],
      );
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
    await appendAsApp(1);
    const rows = await chain();
    expect(rows.length).toBe(before + 1);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
  });

  it('refuses every UPDATE from the owner, even with the old sealing flag set: rows are born sealed', async () => {
    const c = await owner.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('cairn.audit_sealing', 'on', true)`);
      await expect(c.query(`UPDATE pf_audit_events SET hash = repeat('f', 64) WHERE chain_key = $1 AND seq = 1`, [org])).rejects.toThrow(
        /append-only/,
      );
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
  });

  it('seals each event as it is inserted, in one write: the row the insert wrote is the row that stays', async () => {
    const c = await app.connect();
    const resourceId = randomUUID();
    let atInsert: { ctid: string; seq: string; hash: string };
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.org_id', $1, true), set_config('app.user_id', $2, true)`, [org, user]);
      // A writer that claims a position and a hash of its own gets the chain's instead.
      const { rows } = await c.query(
        `INSERT INTO pf_audit_events (chain_key, organization_id, actor_user_id, actor_type, action, resource_type, resource_id,
           scope, outcome, seq, prev_hash, hash)
         VALUES ('00000000-0000-0000-0000-000000000000', $1, $2, 'staff', 'patient.read', 'patient', $3, '{}', 'success',
           999999, repeat('a', 64), repeat('b', 64))
         RETURNING ctid::text, seq::text, hash`,
        [org, user, resourceId],
      );
      atInsert = rows[0];
      await c.query('COMMIT');
    } finally {
      c.release();
    }
    expect(atInsert.seq).not.toBe('999999');
    expect(atInsert.hash).not.toBe('b'.repeat(64));
    const after = await owner.query(`SELECT ctid::text, seq::text, hash FROM pf_audit_events WHERE chain_key = $1 AND resource_id = $2`, [
      org,
      resourceId,
    ]);
    // An UPDATE at COMMIT (the old deferred seal) would have written a new version of the row elsewhere.
    expect(after.rows).toEqual([expect.objectContaining({ ctid: atInsert.ctid, seq: atInsert.seq, hash: atInsert.hash })]);
    const all = await chain();
    expect(all[all.length - 1]!.seq).toBe(atInsert.seq);
    expect(await verify()).toMatchObject({ firstBrokenSeq: null });
  });

  it('reports the first broken link after a superuser alters an event', async () => {
    await admin.query('ALTER TABLE pf_audit_events DISABLE TRIGGER pf_audit_events_no_update_delete');
    try {
      await admin.query(`UPDATE pf_audit_events SET action = 'tampered' WHERE chain_key = $1 AND seq = 3`, [org]);
    } finally {
      await admin.query('ALTER TABLE pf_audit_events ENABLE TRIGGER pf_audit_events_no_update_delete');
    }
    expect(await verify()).toMatchObject({ firstBrokenSeq: '3', problem: expect.stringContaining('altered') });
  });
});
