import type { KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

import { AuditCheckpoint, checkpointProblem, loadPublicKey, readCheckpointLines } from '@cairn/platform/audit';

export interface ChainReport {
  chainKey: string;
  eventsChecked: number;
  firstBrokenSeq: string | null;
  problem: string | null;
}

/**
 * Verifies every audit chain (one per organization, plus the organization-less one) with the database's own
 * pf_audit_verify_chain, as the owner role. Returns one report per chain.
 */
export async function verifyAuditLog(ownerUrl: string): Promise<ChainReport[]> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      chain_key: string;
      events_checked: string;
      first_broken_seq: string | null;
      problem: string | null;
    }>(`SELECT v.* FROM pf_audit_chain_heads h, LATERAL pf_audit_verify_chain(h.chain_key) v ORDER BY h.chain_key`);
    return rows.map((r) => ({
      chainKey: r.chain_key,
      eventsChecked: Number(r.events_checked),
      firstBrokenSeq: r.first_broken_seq,
      problem: r.problem,
    }));
  } finally {
    await client.end();
  }
}

export interface DashboardAuditProblem {
  organizationId: string;
  eventId: string;
  problem: string;
}

/**
 * The dashboard audit trail (ds_audit_events, ADR 0013): every row must still hash to its content_hash, and a
 * platform audit row (hash-chained, checked above) must vouch for that hash. ds_audit_verify() lists the rows
 * that fail either, as the owner role.
 */
export async function verifyDashboardAudit(ownerUrl: string): Promise<{ checked: number; problems: DashboardAuditProblem[] }> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ organization_id: string; event_id: string; problem: string }>('SELECT * FROM ds_audit_verify()');
    const { rows: count } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM ds_audit_events');
    return {
      checked: Number(count[0]?.n ?? 0),
      problems: rows.map((r) => ({ organizationId: r.organization_id, eventId: r.event_id, problem: r.problem })),
    };
  } finally {
    await client.end();
  }
}

export interface CheckpointReport {
  /** Lines in the checkpoint file. */
  checkpoints: number;
  /** When the last checkpoint was signed (null: none, or it is unreadable). */
  lastAt: string | null;
  /** Heads compared with the log (those of the last checkpoint). */
  headsChecked: number;
  /** One line per problem: a checkpoint that does not verify, or a checkpointed head the log no longer has. */
  problems: string[];
}

/**
 * Checks every checkpoint's signature in `dir` with the public key, then compares the log with the last one:
 * each checkpointed head (chain, seq, hash) must still be in the log, at the same position with the same hash.
 * A rewrite after the checkpoint, even one that recomputed every hash with the triggers off, changes the hash
 * at that position (or removes it). ADR 0009.
 */
export async function verifyAgainstCheckpoints(ownerUrl: string, dir: string, publicKey: KeyObject): Promise<CheckpointReport> {
  const lines = readCheckpointLines(dir);
  const problems: string[] = [];
  lines.forEach((line, i) => {
    const problem = checkpointProblem(line, publicKey);
    if (problem) problems.push(`checkpoint ${i + 1} of ${lines.length}: ${problem}`);
  });
  const last = lines[lines.length - 1];
  if (last === undefined || checkpointProblem(last, publicKey))
    return { checkpoints: lines.length, lastAt: null, headsChecked: 0, problems };
  const cp = last as AuditCheckpoint;
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ chain_key: string; seq: string; hash: string | null }>(
      `SELECT e.chain_key::text, e.seq::text, e.hash FROM pf_audit_events e
       JOIN unnest($1::uuid[], $2::bigint[]) AS c(chain_key, seq) ON c.chain_key = e.chain_key AND c.seq = e.seq`,
      [cp.heads.map((h) => h.chainKey), cp.heads.map((h) => h.seq)],
    );
    const found = new Map(rows.map((r) => [`${r.chain_key}:${r.seq}`, r.hash]));
    for (const h of cp.heads) {
      const hash = found.get(`${h.chainKey}:${h.seq}`);
      if (hash === undefined) {
        problems.push(
          `chain ${h.chainKey}: event ${h.seq}, checkpointed at ${cp.createdAt}, is missing (the log was truncated or rewritten after the checkpoint)`,
        );
      } else if (hash !== h.hash) {
        problems.push(
          `chain ${h.chainKey}: event ${h.seq} no longer has the hash checkpointed at ${cp.createdAt} (the log was rewritten after the checkpoint)`,
        );
      }
    }
  } finally {
    await client.end();
  }
  return { checkpoints: lines.length, lastAt: cp.createdAt, headsChecked: cp.heads.length, problems };
}

/** Where `npm start` keeps the checkpoints and the key, unless AUDIT_CHECKPOINT_* say otherwise. */
export function checkpointSettings(env: NodeJS.ProcessEnv): { dir: string; publicKeyFile: string | null } {
  const dataDir = env['CAIRN_DATA_DIR'] || '.data';
  const dir = env['AUDIT_CHECKPOINT_DIR'] || join(dataDir, 'audit-checkpoints');
  const configured = env['AUDIT_CHECKPOINT_PUBLIC_KEY_FILE'] || env['AUDIT_CHECKPOINT_KEY_FILE'];
  if (configured) return { dir, publicKeyFile: configured };
  const startKey = join(dataDir, 'audit-checkpoint-key.pem.pub');
  return { dir, publicKeyFile: existsSync(startKey) ? startKey : null };
}

async function main(): Promise<void> {
  const url = process.env['DATABASE_OWNER_URL'];
  if (!url) {
    console.error('audit:verify needs DATABASE_OWNER_URL (the owner role connection string).');
    process.exit(2);
  }
  const reports = await verifyAuditLog(url);
  let broken = 0;
  for (const r of reports) {
    if (r.firstBrokenSeq === null) {
      console.log(`ok      chain ${r.chainKey}: ${r.eventsChecked} events intact`);
    } else {
      broken++;
      console.log(`BROKEN  chain ${r.chainKey}: first broken link at event ${r.firstBrokenSeq}: ${r.problem}`);
    }
  }
  console.log(reports.length === 0 ? 'No audit events yet.' : `${reports.length} chain(s) checked, ${broken} broken.`);

  const dashboards = await verifyDashboardAudit(url);
  for (const p of dashboards.problems)
    console.log(`TAMPERED dashboard audit event ${p.eventId} (organization ${p.organizationId}): ${p.problem}`);
  if (dashboards.problems.length === 0) console.log(`ok      ${dashboards.checked} dashboard audit event(s) match their chained hashes`);

  const { dir, publicKeyFile } = checkpointSettings(process.env);
  let anchored = 0;
  if (!publicKeyFile) {
    const n = readCheckpointLines(dir).length;
    if (n > 0) {
      console.error(`${n} checkpoint(s) in ${dir} but no key to check them: set AUDIT_CHECKPOINT_PUBLIC_KEY_FILE.`);
      process.exit(2);
    }
    console.log(
      'WARNING no audit checkpoint key configured: a rewrite that recomputes every hash would not be detected (docs/adr/0009-audit-anchoring.md).',
    );
  } else {
    const cp = await verifyAgainstCheckpoints(url, dir, loadPublicKey(publicKeyFile));
    for (const p of cp.problems) console.log(`TAMPERED ${p}`);
    if (cp.checkpoints === 0)
      console.log(`WARNING no checkpoint in ${dir} yet (the worker writes one every AUDIT_CHECKPOINT_INTERVAL_SECONDS).`);
    else if (cp.problems.length === 0)
      console.log(
        `ok      ${cp.checkpoints} checkpoint(s) verify; the log still holds the ${cp.headsChecked} head(s) checkpointed at ${cp.lastAt}.`,
      );
    anchored = cp.problems.length;
  }
  process.exit(broken || anchored || dashboards.problems.length ? 1 : 0);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  });
}
