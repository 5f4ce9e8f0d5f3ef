import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';

import { AuditCheckpointPublisher, CHECKPOINT_FILE, ensureCheckpointKey, loadPublicKey } from '@cairn/platform/audit';
import { loadConfig } from '@cairn/platform/config';
import { PrismaService } from '@cairn/platform/db';

import { verifyAgainstCheckpoints, verifyAuditLog } from './verify-audit-log';

/**
 * Audit anchoring (ADR 0009) against the real database: the worker's publisher checkpoints the chain heads, the
 * database owner then rewrites history the way it can today (triggers off, every hash recomputed, so the chain
 * verifies on its own), and audit:verify catches it against the checkpoint.
 */
const ownerUrl = process.env['DATABASE_OWNER_URL']!;
const owner = new Pool({ connectionString: ownerUrl, max: 2 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });
const dir = mkdtempSync(join(tmpdir(), 'cairn-checkpoints-'));
const key = ensureCheckpointKey(join(dir, 'keys', 'audit-checkpoint-key.pem'));
const checkpoints = join(dir, 'out');
const config = loadConfig({ ...process.env, AUDIT_CHECKPOINT_DIR: checkpoints, AUDIT_CHECKPOINT_KEY_FILE: key.privateFile });
const prisma = new PrismaService(config);
const publisher = new AuditCheckpointPublisher(prisma, config);
const publicKey = loadPublicKey(key.publicFile);

const org = randomUUID();
const user = randomUUID();

async function appendAsApp(n: number): Promise<void> {
  const c = await app.connect();
  try {
    for (let i = 0; i < n; i++) {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.org_id', $1, true), set_config('app.user_id', $2, true)`, [org, user]);
      await c.query(
        `INSERT INTO pf_audit_events (chain_key, organization_id, actor_user_id, actor_type, action, resource_type, resource_id, scope, outcome)
         VALUES ('00000000-0000-0000-0000-000000000000', $1, $2, 'staff', 'patient.read', 'patient', $3, '{"sites":"all"}', 'success')`,
        [org, user, randomUUID()],
      );
      await c.query('COMMIT');
    }
  } finally {
    c.release();
  }
}

/** What the owner role can do today: alter an event, then recompute every hash after it and the chain head. */
async function rewriteAsOwner(seq: number): Promise<void> {
  const c = await owner.connect();
  try {
    await c.query('ALTER TABLE pf_audit_events DISABLE TRIGGER pf_audit_events_no_update_delete');
    await c.query(`UPDATE pf_audit_events SET action = 'patient.search' WHERE chain_key = $1 AND seq = $2`, [org, seq]);
    await c.query(`
      DO $$
      DECLARE e pf_audit_events; prev text := repeat('0', 64);
      BEGIN
        FOR e IN SELECT * FROM pf_audit_events WHERE chain_key = '${org}' ORDER BY seq LOOP
          e.prev_hash := prev;
          e.hash := pf_audit_hash(e);
          UPDATE pf_audit_events SET prev_hash = e.prev_hash, hash = e.hash WHERE chain_key = e.chain_key AND id = e.id;
          prev := e.hash;
        END LOOP;
        UPDATE pf_audit_chain_heads SET last_hash = prev WHERE chain_key = '${org}';
      END $$`);
  } finally {
    await c.query('ALTER TABLE pf_audit_events ENABLE TRIGGER pf_audit_events_no_update_delete');
    c.release();
  }
}

const checkpointFile = () => join(checkpoints, CHECKPOINT_FILE);

beforeAll(async () => {
  await owner.query(`INSERT INTO pf_organizations (id, name, slug) VALUES ($1, 'Anchor Org', $2)`, [org, `anchor-${org}`]);
  await owner.query(`INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1, $2, 'Auditor', 'x')`, [
    user,
    `anchor-${user}@t.test`,
  ]);
});

afterAll(async () => {
  await Promise.all([owner.end(), app.end(), prisma.$disconnect()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('audit checkpoints', () => {
  it('publishes a signed checkpoint of every chain head, as the app role, and only when a head moved', async () => {
    await appendAsApp(5);
    const first = await publisher.publish();
    expect(first.published).toBe(true);
    if (!first.published) return;
    expect(first.checkpoint.heads).toContainEqual({ chainKey: org, seq: '5', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await publisher.publish()).toEqual({ published: false, reason: 'no chain moved since the last checkpoint' });

    await appendAsApp(2);
    expect((await publisher.publish()).published).toBe(true);
    expect(readFileSync(checkpointFile(), 'utf8').trim().split('\n')).toHaveLength(2);
    expect(await verifyAgainstCheckpoints(ownerUrl, checkpoints, publicKey)).toEqual({
      checkpoints: 2,
      lastAt: expect.any(String),
      headsChecked: expect.any(Number),
      problems: [],
    });
  });

  it('detects a rewrite after the checkpoint that the hash chain alone no longer shows', async () => {
    await rewriteAsOwner(3);
    // The attack works against the chain on its own: every link verifies again.
    expect((await verifyAuditLog(ownerUrl)).find((r) => r.chainKey === org)).toMatchObject({ firstBrokenSeq: null, eventsChecked: 7 });
    const report = await verifyAgainstCheckpoints(ownerUrl, checkpoints, publicKey);
    expect(report.problems).toEqual([
      `chain ${org}: event 7 no longer has the hash checkpointed at ${report.lastAt} (the log was rewritten after the checkpoint)`,
    ]);
  });

  it('refuses a checkpoint file edited to match the rewrite (signature), and will not append after it', async () => {
    const { rows } = await owner.query<{ last_hash: string }>('SELECT last_hash FROM pf_audit_chain_heads WHERE chain_key = $1', [org]);
    const lines = readFileSync(checkpointFile(), 'utf8').trim().split('\n');
    const forged = JSON.parse(lines[lines.length - 1]!) as { heads: { chainKey: string; hash: string }[] };
    forged.heads.find((h) => h.chainKey === org)!.hash = rows[0]!.last_hash;
    writeFileSync(checkpointFile(), [...lines.slice(0, -1), JSON.stringify(forged)].join('\n') + '\n');

    const report = await verifyAgainstCheckpoints(ownerUrl, checkpoints, publicKey);
    expect(report.problems).toEqual(['checkpoint 2 of 2: signature does not verify (the checkpoint was altered or signed by another key)']);
    await expect(publisher.publish()).rejects.toThrow(/does not verify/);
  });

  it('refuses checkpoints signed by another key', async () => {
    const other = ensureCheckpointKey(join(dir, 'other', 'key.pem'));
    const report = await verifyAgainstCheckpoints(ownerUrl, checkpoints, loadPublicKey(other.publicFile));
    expect(report.problems[0]).toMatch(/^checkpoint 1 of 2: signed by key [0-9a-f]{16}, not by the configured public key/);
  });
});
