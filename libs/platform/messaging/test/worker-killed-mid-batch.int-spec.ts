import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import Redis from 'ioredis';

import type { PrismaClient } from '@cairn/platform/db';
import { freePort } from '@cairn/testing';

import {
  appPrisma,
  createMessagingTestDb,
  effectCounts,
  expectQueueDrainedWithoutFailures,
  MessagingTestDb,
  obliterateQueues,
  PROBE_WORKER_ENTRY,
  publishProbeEvents,
  spawnEntry,
  uniqueQueuePrefix,
  waitFor,
} from './probe';

// Real services on a machine shared with other test runs: generous time limits; the waits inside have their own.
jest.setTimeout(120_000);

// Scenario (b): the worker PROCESS (relay + consumer) is killed with SIGKILL in the middle of a batch of
// 1,000 events, then started again: exactly 1,000 effects, none lost, none doubled.
const TOTAL = 1000;
const PER_TX = 10;
const prefix = uniqueQueuePrefix('sigkill');
let db: MessagingTestDb;
let prisma: PrismaClient;
const children: ChildProcess[] = [];

/** The worker entry with the probe consumer, as a real child process. */
async function spawnWorker(): Promise<ChildProcess> {
  const child = spawnEntry(PROBE_WORKER_ENTRY, {
    DATABASE_URL: db.appUrl,
    WORKER_PORT: String(await freePort()),
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'error',
    // Small relay batches and short job locks, so the kill lands mid-batch and the dead worker's jobs are
    // taken over within seconds instead of the production 30 s.
    OUTBOX_BATCH_SIZE: '25',
    OUTBOX_POLL_MS: '100',
    QUEUE_LOCK_MS: '2000',
    QUEUE_CONCURRENCY: '4',
  });
  children.push(child);
  return child;
}

beforeAll(async () => {
  db = await createMessagingTestDb('sigkill');
  prisma = appPrisma(db.appUrl);
}, 60_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await obliterateQueues(process.env['REDIS_URL']!, prefix);
  await prisma?.$disconnect();
  await db?.drop();
});

it('yields exactly 1,000 effects after the worker process is SIGKILLed mid-batch and restarted', async () => {
  const owner = db.owner;
  const ids: string[] = [];
  // Publishing runs on while the worker is killed and restarted: 100 committed transactions over both organizations.
  const publishing = (async () => {
    for (let t = 0; t < TOTAL / PER_TX; t++) {
      ids.push(...(await publishProbeEvents(prisma, db.orgs[t % 2]!, PER_TX)));
      await new Promise((r) => setTimeout(r, 15));
    }
  })();

  const first = await spawnWorker();
  const exited = new Promise((resolve) => first.once('exit', resolve));
  await waitFor('the first worker to apply some events', async () => (await effectCounts(owner, [...ids])).rows >= 150, 60_000, 50);
  first.kill('SIGKILL');
  await exited;
  const atKill = await effectCounts(owner, [...ids]);
  const unsentAtKill = Number((await owner.query('SELECT count(*) AS n FROM pf_outbox_events WHERE sent_at IS NULL')).rows[0].n);
  expect(atKill.rows).toBeLessThan(TOTAL); // the kill really was mid-batch

  await spawnWorker();
  await publishing;
  expect(ids).toHaveLength(TOTAL);
  await waitFor('every event to be applied', async () => (await effectCounts(owner, ids)).distinct === TOTAL, 120_000, 250);

  // Let anything still in flight (stalled jobs of the killed worker, re-relayed rows) run out, then count.
  const connection = new Redis(process.env['REDIS_URL']!, { maxRetriesPerRequest: 1 });
  const queue = new Queue('charge-creation', { connection, prefix });
  try {
    await expectQueueDrainedWithoutFailures(queue, 60_000);
  } finally {
    await queue.close();
    connection.disconnect();
  }
  const unsent = await owner.query('SELECT count(*) AS n FROM pf_outbox_events WHERE id = ANY($1::uuid[]) AND sent_at IS NULL', [ids]);
  expect(Number(unsent.rows[0].n)).toBe(0);
  expect(await effectCounts(owner, ids)).toEqual({ rows: TOTAL, distinct: TOTAL });
  const processed = await owner.query(
    "SELECT count(*) AS n FROM pf_processed_events WHERE consumer = 'test.probe-effects' AND event_id = ANY($1::uuid[])",
    [ids],
  );
  expect(Number(processed.rows[0].n)).toBe(TOTAL);
  // For the record in the test output: how far the first worker got.
  console.log(
    `SIGKILL after ${atKill.rows} effects with ${unsentAtKill} outbox rows unsent; after restart: ${TOTAL} effects, 0 duplicates`,
  );
}, 240_000);
