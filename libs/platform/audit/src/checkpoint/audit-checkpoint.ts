import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Signed checkpoints of the audit chains' heads (ADR 0009). A checkpoint is one JSON line appended to
 * `<AUDIT_CHECKPOINT_DIR>/audit-checkpoints.jsonl`, outside the database, signed with Ed25519 so that checking it
 * needs only the public key. `npm run audit:verify` compares the log with the last one: a rewrite of the log
 * after a checkpoint (even one that recomputes every hash) no longer matches a checkpointed head.
 */
export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';
export const CHECKPOINT_VERSION = 1 as const;

/** The head of one chain: its last event's position and hash. */
export interface ChainHead {
  /** The organization id, or 00000000-0000-0000-0000-000000000000 for the organization-less chain. */
  chainKey: string;
  /** Sequence number of the last event (= the chain's event count). */
  seq: string;
  hash: string;
}

export interface AuditCheckpoint {
  v: typeof CHECKPOINT_VERSION;
  createdAt: string;
  /** First 16 hex digits of SHA-256 over the public key (SPKI DER): which key signed it. */
  keyId: string;
  heads: ChainHead[];
  /** Ed25519 over signedBytes(checkpoint), base64. */
  signature: string;
}

function sortedHeads(heads: ChainHead[]): ChainHead[] {
  return [...heads]
    .sort((a, b) => (a.chainKey < b.chainKey ? -1 : a.chainKey > b.chainKey ? 1 : 0))
    .map((h) => ({ chainKey: h.chainKey, seq: h.seq, hash: h.hash }));
}

/** The exact bytes signed: the fields in a fixed order, heads sorted by chain. */
export function signedBytes(c: Omit<AuditCheckpoint, 'signature'>): Buffer {
  return Buffer.from(JSON.stringify({ v: c.v, createdAt: c.createdAt, keyId: c.keyId, heads: sortedHeads(c.heads) }), 'utf8');
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signCheckpoint(heads: ChainHead[], privateKey: KeyObject, createdAt = new Date()): AuditCheckpoint {
  const body: Omit<AuditCheckpoint, 'signature'> = {
    v: CHECKPOINT_VERSION,
    createdAt: createdAt.toISOString(),
    keyId: keyIdOf(createPublicKey(privateKey)),
    heads: sortedHeads(heads),
  };
  return { ...body, signature: sign(null, signedBytes(body), privateKey).toString('base64') };
}

/** Null when the checkpoint is well-formed and its signature verifies with this public key; else why not. */
export function checkpointProblem(c: unknown, publicKey: KeyObject): string | null {
  if (typeof c !== 'object' || c === null) return 'not a JSON object';
  const x = c as Partial<AuditCheckpoint>;
  if (x.v !== CHECKPOINT_VERSION) return `unknown version ${String(x.v)}`;
  if (typeof x.createdAt !== 'string' || typeof x.keyId !== 'string' || typeof x.signature !== 'string' || !Array.isArray(x.heads)) {
    return 'missing createdAt, keyId, heads or signature';
  }
  for (const h of x.heads as unknown[]) {
    const head = h as Partial<ChainHead>;
    if (typeof head?.chainKey !== 'string' || typeof head.seq !== 'string' || !/^\d+$/.test(head.seq) || typeof head.hash !== 'string') {
      return 'a head is malformed';
    }
  }
  if (x.keyId !== keyIdOf(publicKey)) return `signed by key ${x.keyId}, not by the configured public key ${keyIdOf(publicKey)}`;
  const ok = verify(null, signedBytes(x as AuditCheckpoint), publicKey, Buffer.from(x.signature, 'base64'));
  return ok ? null : 'signature does not verify (the checkpoint was altered or signed by another key)';
}

/** Appends one checkpoint as a line and flushes it to disk before returning. */
export function appendCheckpoint(dir: string, c: AuditCheckpoint): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, CHECKPOINT_FILE);
  const fd = openSync(file, 'a', 0o640);
  try {
    appendFileSync(fd, JSON.stringify(c) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return file;
}

/** Every line of the checkpoint file, parsed (a line that is not JSON is kept as its raw text); [] when there is no file. */
export function readCheckpointLines(dir: string): unknown[] {
  const file = join(dir, CHECKPOINT_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      try {
        return JSON.parse(l) as unknown;
      } catch {
        return l;
      }
    });
}

/** True when the heads are the same as the checkpoint's (nothing new to anchor). */
export function sameHeads(heads: ChainHead[], c: AuditCheckpoint | undefined): boolean {
  if (!c || c.heads.length !== heads.length) return false;
  const key = (h: ChainHead) => `${h.chainKey}:${h.seq}:${h.hash}`;
  const known = new Set(c.heads.map(key));
  return heads.every((h) => known.has(key(h)));
}

export function loadPrivateKey(file: string): KeyObject {
  const key = createPrivateKey(readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  return key;
}

/** A public key file (SPKI PEM), or the public half of a private key file. */
export function loadPublicKey(file: string): KeyObject {
  const pem = readFileSync(file);
  const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 key`);
  return key;
}

/**
 * The installation's checkpoint signing key: `privateFile` (PKCS#8 PEM, mode 0600) and `<privateFile>.pub`
 * (SPKI PEM), generated on first use (by `npm start`; a deployment provisions its own).
 */
export function ensureCheckpointKey(privateFile: string): { privateFile: string; publicFile: string; created: boolean } {
  const publicFile = `${privateFile}.pub`;
  if (existsSync(privateFile)) {
    if (!existsSync(publicFile)) writeFileSync(publicFile, loadPublicKey(privateFile).export({ type: 'spki', format: 'pem' }));
    return { privateFile, publicFile, created: false };
  }
  mkdirSync(dirname(privateFile), { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  return { privateFile, publicFile, created: true };
}
