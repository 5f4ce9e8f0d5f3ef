import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import {
  appPrisma,
  createMessagingTestDb,
  obliterateQueues,
  PROBE_WORKER_ENTRY,
  publishProbeEvents,
  uniqueQueuePrefix,
  waitFor,
} from '@cairn/platform/messaging/testing';

import { DEFAULT_REDIS_URL } from '../dev/local-redis';
import { freePort, httpStatus } from '../dev/probes';

/**
 * `npm run bench:events`: how fast committed integration events turn into consumer effects, against real
 * PostgreSQL and Redis. It creates a scratch database (dropped at the end) on the server of
 * TEST_DATABASE_ADMIN_URL / DATABASE_URL (default postgres@127.0.0.1:5432), starts the real worker entry as a
 * child process (outbox relay + a consumer built on EventConsumer whose effect is one row per event), then
 * publishes N events from concurrent publishers in committed transactions through the outbox API. For every
 * event it takes the time its transaction committed and the time its effect was written, and prints the
 * throughput (events/s from the first commit to the last effect) and latency percentiles.
 * Environment: BENCH_EVENTS (default 5000), BENCH_PUBLISHERS (concurrent publishing transactions, default 8),
 * BENCH_EVENTS_PER_TX (default 1), BENCH_RATE (events/s the publishers hold to, paced from the start; unset: as fast as
 * they can, which measures the ceiling rather than the latency at a given load), REDIS_URL (default 127.0.0.1:6379; queues under a unique prefix, removed after).
 * BENCH_WORKER_CPU_PROF=<dir> writes the worker's CPU profile (node --cpu-prof) there.
 * The worker takes its own settings from the environment too (QUEUE_CONCURRENCY, DATABASE_POOL_SIZE, OUTBOX_BATCH_SIZE).
 */
const ROOT = join(__dirname, '..', '..');
const total = Number(process.env['BENCH_EVENTS'] ?? 5000);
const publishers = Number(process.env['BENCH_PUBLISHERS'] ?? 8);
const perTx = Number(process.env['BENCH_EVENTS_PER_TX'] ?? 1);
const rate = process.env['BENCH_RATE'] ? Number(process.env['BENCH_RATE']) : undefined;
const redisUrl = process.env['REDIS_URL'] || DEFAULT_REDIS_URL;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  for (const [name, v] of [
    ['BENCH_EVENTS', total],
    ['BENCH_PUBLISHERS', publishers],
    ['BENCH_EVENTS_PER_TX', perTx],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive whole number`);
  }
  if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1)) throw new Error('BENCH_RATE must be a positive whole number');
  const db = await createMessagingTestDb('bench');
  const prefix = uniqueQueuePrefix('bench');
  const prisma = appPrisma(db.appUrl);
  let worker: ChildProcess | undefined;
  try {
    const port = await freePort();
    const profile = process.env['BENCH_WORKER_CPU_PROF'];
    const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
    worker = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', PROBE_WORKER_ENTRY], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.appUrl,
        REDIS_URL: redisUrl,
        WORKER_PORT: String(port),
        QUEUE_PREFIX: prefix,
        OUTBOX_POLL_MS: process.env['OUTBOX_POLL_MS'] ?? '1000',
        LOG_LEVEL: 'warn',
        // 'test', not 'production': the scratch database's roles have the development passwords, which production refuses.
        NODE_ENV: 'test',
        JWT_SECRET: randomBytes(32).toString('base64url'),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitFor('the worker to start', async () => (await httpStatus(`http://127.0.0.1:${port}/health`)) === 200, 60_000, 200);

    const committedAt = new Map<string, number>();
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: publishers }, async (_, p) => {
        while (next < total) {
          const n = Math.min(perTx, total - next);
          const first = next;
          next += n;
          if (rate) {
            // The transaction of events [first, first + n) is due when the rate reaches its first event.
            const due = started + (first / rate) * 1000 - Date.now();
            if (due > 0) await new Promise((r) => setTimeout(r, due));
          }
          const ids = await publishProbeEvents(prisma, db.orgs[p % 2]!, n);
          const at = Date.now();
          for (const id of ids) committedAt.set(id, at);
        }
      }),
    );
    const published = Date.now();
    await waitFor(
      'every effect',
      async () => Number((await db.owner.query('SELECT count(*) AS n FROM test_probe_effects')).rows[0].n) >= total,
      600_000,
      100,
    );
    const { rows } = await db.owner.query<{ event_id: string; at: string }>(
      'SELECT event_id, (extract(epoch FROM applied_at) * 1000)::float8 AS at FROM test_probe_effects',
    );
    // Where the time goes: commit -> claimed by the relay (sent_at is now() of the relay's claiming transaction), and
    // claimed -> effect (Redis, BullMQ and the consumer's transaction).
    const sent = new Map(
      (
        await db.owner.query<{ id: string; at: string }>(
          'SELECT id, (extract(epoch FROM sent_at) * 1000)::float8 AS at FROM pf_outbox_events WHERE sent_at IS NOT NULL',
        )
      ).rows.map((r) => [r.id, Number(r.at)]),
    );
    const toRelay = [...committedAt]
      .filter(([id]) => sent.has(id))
      .map(([id, at]) => sent.get(id)! - at)
      .sort((a, b) => a - b);
    const toEffect = rows
      .filter((r) => sent.has(r.event_id))
      .map((r) => Number(r.at) - sent.get(r.event_id)!)
      .sort((a, b) => a - b);
    const distinct = new Set(rows.map((r) => r.event_id)).size;
    const latencies = rows.map((r) => Number(r.at) - committedAt.get(r.event_id)!).sort((a, b) => a - b);
    const firstCommit = Math.min(...committedAt.values());
    const lastEffect = Math.max(...rows.map((r) => Number(r.at)));
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log(
      [
        '',
        `bench:events — ${total} events, ${publishers} concurrent publishers, ${perTx} event(s) per transaction, ` +
          `${rate ? `paced at ${rate} events/s` : 'as fast as they can'}; worker: relay batch ` +
          `${process.env['OUTBOX_BATCH_SIZE'] ?? '200 (default)'}, consumer concurrency ${process.env['QUEUE_CONCURRENCY'] ?? '32 (default)'}, transactions ${process.env['QUEUE_TRANSACTIONS'] ?? '2 (default)'}, group commit ${process.env['QUEUE_GROUP_COMMIT'] ?? '16 (default)'}, ` +
          `pool ${process.env['DATABASE_POOL_SIZE'] ?? '10 (default)'}`,
        `  published (committed):  ${(published - started) / 1000} s  -> ${Math.round(total / ((published - started) / 1000))} events/s`,
        `  commit -> effect:       ${Math.round(total / ((lastEffect - firstCommit) / 1000))} events/s end to end (first commit to last effect ${((lastEffect - firstCommit) / 1000).toFixed(2)} s)`,
        `  latency per event:      p50 ${fmt(percentile(latencies, 50))}  p90 ${fmt(percentile(latencies, 90))}  p99 ${fmt(percentile(latencies, 99))}  max ${fmt(latencies[latencies.length - 1]!)}`,
        `    commit -> relay claim:  p50 ${fmt(percentile(toRelay, 50))}  p99 ${fmt(percentile(toRelay, 99))}`,
        `    relay claim -> effect:  p50 ${fmt(percentile(toEffect, 50))}  p99 ${fmt(percentile(toEffect, 99))}`,
        `  effects: ${rows.length} rows for ${distinct} distinct events (duplicates: ${rows.length - distinct})`,
        '',
      ].join('\n'),
    );
    if (rows.length !== total || distinct !== total) process.exitCode = 1;
  } finally {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker!.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await prisma.$disconnect();
    await obliterateQueues(redisUrl, prefix);
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
