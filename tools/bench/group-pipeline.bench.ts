import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';

import { obliterateQueues, spawnEntry, uniqueQueuePrefix, waitFor } from '@cairn/platform/messaging/testing';

import { socketUrl } from '../dev/local-postgres';
import { DEFAULT_REDIS_URL } from '../dev/local-redis';
import { freePort, httpStatus } from '../dev/probes';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_SITES, demoStaff } from '../seed/demo-catalogue';
import { DEMO_TEST_TODAY, seedDemoData } from '../seed/seed-demo-data';
import { insertGroupSessionFixtures } from '../testing/group-session-fixtures';
import { createScratchDatabase } from '../testing/test-db';

/**
 * `npm run bench:group-pipeline -- --sessions N --attendees M`: the whole group encounter pipeline,
 * through the real API and worker processes against real PostgreSQL and Redis.
 *
 * It builds a scratch database (migrated, demo data at scale small, dropped at the end) on the server of
 * TEST_DATABASE_ADMIN_URL / DATABASE_URL (default postgres@127.0.0.1:5432), adds M patients and N draft sessions
 * of one psychotherapy group at Tucson Central with every patient's attendance recorded (setup, not timed), starts
 * `apps/api/src/main.ts` and `apps/worker/src/main.ts` as child processes, and then times four stages:
 *   1. document: the facilitator signs the N sessions (POST /api/v1/group-sessions/:id/document, --concurrency in flight);
 *   2. generate: the worker turns each `cl_group_session_documented.v1` into M PM encounters and generations;
 *   3. approve: a supervisor approves every generation (POST /api/v1/group-encounter-generations/approve,
 *      --approve-batch ids per request, --concurrency in flight), one `cl_group_encounters_approved.v1` per session;
 *   4. charge: the worker's charge-creation consumer prices every approved generation into pm_charges.
 * It prints attendances/s for each stage and end to end (first sign request to last charge) and the latency from
 * approval commit to charge, p50/p99, per charge. Times of rows come from the database clock (same machine): a
 * generation's reviewed_at and a charge's created_at are their transactions' start times. Exit 1 when a count is
 * wrong (every attendance must end as exactly one charge).
 * Environment: REDIS_URL (default 127.0.0.1:6379; queues under a unique prefix, removed after); the worker and API
 * take QUEUE_CONCURRENCY, DATABASE_POOL_SIZE, OUTBOX_BATCH_SIZE from the environment as usual.
 */
const { values: args } = parseArgs({
  options: {
    sessions: { type: 'string', default: '400' },
    attendees: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    'approve-batch': { type: 'string', default: '200' },
    tcp: { type: 'boolean', default: false },
  },
});
const N = Number(args.sessions);
const M = Number(args.attendees);
const concurrency = Number(args.concurrency);
const approveBatch = Number(args['approve-batch']);
const redisUrl = process.env['REDIS_URL'] || DEFAULT_REDIS_URL;

/**
 * The apps reach a PostgreSQL on this machine over its Unix socket when it has one, as `npm start` does with its
 * embedded server (a loopback TCP round trip costs the 2 cores noticeably more); --tcp keeps TCP.
 */
function appDatabaseUrl(appUrl: string): { url: string; transport: string } {
  const u = new URL(appUrl);
  const dir = '/var/run/postgresql';
  const port = u.port || '5432';
  if (!args.tcp && ['127.0.0.1', 'localhost'].includes(u.hostname) && existsSync(join(dir, `.s.PGSQL.${port}`))) {
    return { url: socketUrl(appUrl, dir), transport: `Unix socket ${dir}` };
  }
  return { url: appUrl, transport: `TCP ${u.hostname}:${port}` };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function spawnApp(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawnEntry(entry, env, (chunk) => process.stderr.write(chunk));
  child.once('exit', (code, signal) => {
    if (code !== 0 && code !== null) console.error(`${name} exited with ${code ?? signal}`);
  });
  return child;
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function main(): Promise<void> {
  for (const [name, v] of [
    ['--sessions', N],
    ['--attendees', M],
    ['--concurrency', concurrency],
    ['--approve-batch', approveBatch],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive whole number`);
  }
  if (approveBatch > 500) throw new Error('--approve-batch must be at most 500 (the API accepts 500 ids per request)');
  const total = N * M;
  console.log(
    `bench:group-pipeline — ${N} sessions x ${M} attendees = ${total} attendances; setting up (scratch database, demo data, fixtures)...`,
  );
  const db = await createScratchDatabase({ prefix: 'cairn_bench_group', migrate: true });
  const owner = new Pool({ connectionString: db.ownerUrl, max: 3 });
  owner.on('error', () => undefined);
  const prefix = uniqueQueuePrefix('bench-group');
  let api: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  try {
    await seedDemoData({ ownerUrl: db.ownerUrl, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });
    const supervisor = demoStaff('supervisor@sonoran.cairn.test');
    // Every tenth attendee arrived late (a partial attendance above the 30-minute minimum).
    const sessionIds = await insertGroupSessionFixtures(owner, {
      organizationId: DEMO_ORGS.sonoran.id,
      siteId: DEMO_SITES.tucsonCentral.id,
      facilitatorId: supervisor.id,
      sessions: N,
      attendees: M,
      label: 'Bench',
      firstDate: '2025-01-07',
      partialEvery: 10,
    });

    const [apiPort, workerPort] = [await freePort(), await freePort()];
    const database = appDatabaseUrl(db.appUrl);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      API_PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      LOG_LEVEL: 'warn',
      // 'test', not 'production': the scratch database's roles have the development passwords, which production refuses.
      NODE_ENV: 'test',
      JWT_SECRET: randomBytes(32).toString('base64url'),
    };
    api = spawnApp('api', 'apps/api/src/main.ts', env);
    worker = spawnApp('worker', 'apps/worker/src/main.ts', env);
    const base = `http://127.0.0.1:${apiPort}`;
    await waitFor(
      'the API and worker to start',
      async () => (await httpStatus(`${base}/health`)) === 200 && (await httpStatus(`http://127.0.0.1:${workerPort}/health`)) === 200,
      120_000,
      250,
    );
    // The demo data's documented sessions go through the pipeline first: start timing on a quiet system.
    await waitFor(
      'the demo outbox to drain',
      async () => Number((await owner.query(`SELECT count(*) AS n FROM pf_outbox_events WHERE sent_at IS NULL`)).rows[0].n) === 0,
      120_000,
      250,
    );
    await new Promise((r) => setTimeout(r, 2000));

    const { accessToken } = await json<{ accessToken: string }>(
      await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: supervisor.email, password: DEMO_PASSWORD }),
      }),
    );
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const ours = sessionIds;

    // 1. Document.
    const t0 = Date.now();
    await pool(ours, concurrency, async (id) => {
      await json(await fetch(`${base}/api/v1/group-sessions/${id}/document`, { method: 'POST', headers }));
    });
    const t1 = Date.now();

    // 2. Generate.
    // Polls are cheap on purpose (the machine's cores are what is measured): rows written since the run began.
    const since = new Date(t0 - 1000).toISOString();
    await waitFor(
      'every generation',
      async () =>
        Number((await owner.query(`SELECT count(*) AS n FROM cl_group_encounter_generations WHERE created_at >= $1`, [since])).rows[0].n) >=
        total,
      600_000,
      100,
    );
    const gen = await owner.query<{ id: string; created: string }>(
      `SELECT id, (extract(epoch FROM created_at) * 1000)::float8 AS created FROM cl_group_encounter_generations WHERE group_session_id = ANY ($1::uuid[])`,
      [ours],
    );
    const t2 = Math.max(...gen.rows.map((r) => Number(r.created)));

    // 3. Approve.
    const ids = gen.rows.map((r) => r.id);
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += approveBatch) batches.push(ids.slice(i, i + approveBatch));
    const t3start = Date.now();
    let approved = 0;
    await pool(batches, concurrency, async (batch) => {
      const res = await json<{ results: { outcome: string }[] }>(
        await fetch(`${base}/api/v1/group-encounter-generations/approve`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ ids: batch }),
        }),
      );
      approved += res.results.filter((r) => r.outcome === 'approved').length;
    });
    const t3 = Date.now();

    // 4. Charge.
    await waitFor(
      'every charge',
      async () => Number((await owner.query(`SELECT count(*) AS n FROM pm_charges WHERE created_at >= $1`, [since])).rows[0].n) >= approved,
      600_000,
      100,
    );
    const charges = await owner.query<{ source_id: string; status: string; created: string; reviewed: string }>(
      `
      SELECT c.source_id, c.status, (extract(epoch FROM c.created_at) * 1000)::float8 AS created,
             (extract(epoch FROM g.reviewed_at) * 1000)::float8 AS reviewed
      FROM pm_charges c JOIN cl_group_encounter_generations g ON g.organization_id = c.organization_id AND g.id = c.source_id
      WHERE c.source_type = 'group_encounter_generation' AND c.source_id = ANY ($1::uuid[])`,
      [ids],
    );
    const t4 = Math.max(...charges.rows.map((r) => Number(r.created)));
    const latencies = charges.rows.map((r) => Number(r.created) - Number(r.reviewed)).sort((a, b) => a - b);
    const distinct = new Set(charges.rows.map((r) => r.source_id)).size;
    const onHold = charges.rows.filter((r) => r.status !== 'ready').length;

    const rate = (ms: number) => `${Math.round(total / (ms / 1000))} attendances/s (${(ms / 1000).toFixed(2)} s)`;
    const ms = (v: number) => `${Math.round(v)} ms`;
    console.log(
      [
        '',
        `bench:group-pipeline — ${N} sessions x ${M} attendees = ${total} attendances; ${concurrency} requests in flight, ${approveBatch} ids per approve request; ` +
          `worker consumer concurrency ${process.env['QUEUE_CONCURRENCY'] ?? '32 (default)'}, transactions ${process.env['QUEUE_TRANSACTIONS'] ?? '2 (default)'}, group commit ${process.env['QUEUE_GROUP_COMMIT'] ?? '16 (default)'}, pool ${process.env['DATABASE_POOL_SIZE'] ?? '10 (default)'}; ` +
          `database over ${database.transport}`,
        `  1. document (API, ${N} signs):               ${rate(t1 - t0)}`,
        `  2. generate (worker, encounters + rows):    ${rate(t2 - t0)} from the first sign; last generation ${((t2 - t1) / 1000).toFixed(2)} s after the last sign`,
        `  3. approve  (API, ${batches.length} bulk requests):        ${rate(t3 - t3start)}`,
        `  4. charge   (worker, fee schedule):         ${rate(t4 - t3start)} from the first approval; last charge ${((t4 - t3) / 1000).toFixed(2)} s after the last approval answered`,
        `  end to end (first sign -> last charge, review started when generation finished): ${rate(t4 - t0)}`,
        `  pipeline work only (document + generate + approve + charge stage times): ${rate(t2 - t0 + (t4 - t3start))}`,
        `  approval commit -> charge: p50 ${ms(percentile(latencies, 50))}  p90 ${ms(percentile(latencies, 90))}  p99 ${ms(percentile(latencies, 99))}  max ${ms(latencies[latencies.length - 1]!)}`,
        `  charges: ${charges.rows.length} for ${distinct} generations (approved ${approved}, duplicates ${charges.rows.length - distinct}, on hold ${onHold})`,
        '',
      ].join('\n'),
    );
    if (approved !== total || charges.rows.length !== total || distinct !== total) process.exitCode = 1;
  } finally {
    await stop(api);
    await stop(worker);
    await obliterateQueues(redisUrl, prefix);
    await owner.end();
    await db.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
