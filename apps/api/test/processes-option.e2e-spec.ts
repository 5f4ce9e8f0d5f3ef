import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  createMessagingTestDb,
  obliterateQueues,
  uniqueQueuePrefix,
  waitFor,
  type MessagingTestDb,
} from '@cairn/platform/messaging/testing';
import { childProcessEnv, freePort, httpStatus, testRedisUrl } from '@cairn/testing';

jest.setTimeout(240_000);

/**
 * Issue 22 item 4: `--processes N` on the API's and the worker's entry points (and API_PROCESSES / WORKER_PROCESSES)
 * runs the app as a supervised group of N OS processes (runProcessGroup): N API processes behind one port, N workers
 * on consecutive health ports; a process that dies is replaced; SIGTERM stops them all, and the group exits 0 once
 * every process drained. Real entry points, real PostgreSQL and Redis.
 */
const ROOT = join(__dirname, '..', '..', '..');
const prefix = uniqueQueuePrefix('processes-option');
let db: MessagingTestDb;
let redisUrl: string;
const started: ChildProcess[] = [];

/** The ids of the live processes whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid && state !== 'Z') out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

function start(entry: string, args: string[], env: NodeJS.ProcessEnv, output: string[]): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry, ...args], {
    cwd: ROOT,
    env: childProcessEnv({
      NODE_ENV: 'test',
      DATABASE_URL: db.appUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'error',
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
      DASHBOARDS_NEAR_REAL_TIME_SECONDS: '0',
      DASHBOARDS_BATCH_CRON: 'off',
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  started.push(child);
  return child;
}

const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

beforeAll(async () => {
  const redis = new URL(testRedisUrl());
  redis.pathname = '/12';
  redisUrl = redis.toString();
  db = await createMessagingTestDb('processes_option', { demoData: true });
}, 180_000);

afterAll(async () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await obliterateQueues(redisUrl, prefix);
  await db?.drop();
}, 60_000);

it('`--processes 0` and `--processes two` are refused with a sentence naming the option (exit 2)', async () => {
  await Promise.all(
    ['0', 'two'].map(async (bad) => {
      const output: string[] = [];
      const child = start('apps/api/src/main.ts', ['--processes', bad], { API_PORT: String(await freePort()) }, output);
      expect(await exitOf(child)).toEqual({ code: 2, signal: null });
      expect(output.join('')).toContain(`--processes must be a whole number from 1 to 64 (got "${bad}")`);
    }),
  );
});

it('API --processes 2: two processes serve one port; one that dies is replaced; SIGTERM stops all and exits 0', async () => {
  const port = await freePort();
  const output: string[] = [];
  const primary = start('apps/api/src/main.ts', ['--processes', '2'], { API_PORT: String(port) }, output);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    'two API processes answering on one port',
    async () => {
      if (primary.exitCode !== null) throw new Error(`the API exited with ${primary.exitCode}: ${output.join('').slice(-2000)}`);
      return childrenOf(primary.pid!).length === 2 && (await httpStatus(`${base}/health/ready`)) === 200;
    },
    180_000,
    500,
  );
  const first = childrenOf(primary.pid!);

  // Sessions work whichever process a request reaches: each request on a new connection (the primary hands
  // connections out round robin).
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ email: 'clinician@sonoran.cairn.test', password: 'demo-password-1' }),
  });
  expect(login.status).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  for (let i = 0; i < 6; i++) {
    const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}`, connection: 'close' } });
    expect(me.status).toBe(200);
  }

  // One process dies: the primary starts a replacement.
  process.kill(first[0]!, 'SIGKILL');
  await waitFor(
    'a replacement process',
    async () => {
      const now = childrenOf(primary.pid!);
      return now.length === 2 && !now.includes(first[0]!);
    },
    120_000,
    500,
  );
  await waitFor('the replacement to serve', async () => (await httpStatus(`${base}/health/ready`)) === 200, 60_000, 250);
  for (let i = 0; i < 4; i++) {
    const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}`, connection: 'close' } });
    expect(me.status).toBe(200);
  }
  expect(output.join('')).toMatch(/API process \d of 2 \(pid \d+\) ended \(SIGKILL\): starting another/);

  const children = childrenOf(primary.pid!);
  primary.kill('SIGTERM');
  expect(await exitOf(primary)).toEqual({ code: 0, signal: null });
  for (const pid of children) expect(() => process.kill(pid, 0)).toThrow();
});

it('worker --processes 2: two worker processes on WORKER_PORT and WORKER_PORT + 1; SIGTERM drains both and exits 0', async () => {
  const port = await freePort();
  const output: string[] = [];
  const primary = start('apps/worker/src/main.ts', ['--processes=2'], { WORKER_PORT: String(port), OUTBOX_POLL_MS: '200' }, output);
  await waitFor(
    'both worker processes ready',
    async () => {
      if (primary.exitCode !== null) throw new Error(`the worker exited with ${primary.exitCode}: ${output.join('').slice(-2000)}`);
      const [a, b] = await Promise.all([
        httpStatus(`http://127.0.0.1:${port}/health/ready`),
        httpStatus(`http://127.0.0.1:${port + 1}/health/ready`),
      ]);
      return a === 200 && b === 200;
    },
    180_000,
    500,
  );
  const children = childrenOf(primary.pid!);
  expect(children).toHaveLength(2);
  // Both relay the same outbox: the demo data's events all end up sent.
  await waitFor(
    'the outbox to drain',
    async () =>
      Number(
        (await db.owner.query(`SELECT count(*) AS n FROM pf_outbox_events WHERE sent_at IS NULL AND available_at <= now()`)).rows[0].n,
      ) === 0,
    120_000,
    500,
  );
  primary.kill('SIGTERM');
  expect(await exitOf(primary)).toEqual({ code: 0, signal: null });
  for (const pid of children) expect(() => process.kill(pid, 0)).toThrow();
});
