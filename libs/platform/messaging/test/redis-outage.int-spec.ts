import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadConfig } from '@cairn/platform/config';
import type { PrismaClient } from '@cairn/platform/db';
import { freePort } from '@cairn/testing';

import { MessagingQueues, RunningWorker, startWorker } from '../src';
import {
  appPrisma,
  createMessagingTestDb,
  effectCounts,
  expectQueueDrainedWithoutFailures,
  MessagingTestDb,
  OwnRedis,
  ProbeConsumerModule,
  publishProbeEvents,
  uniqueQueuePrefix,
  waitFor,
} from './probe';

// Real services on a machine shared with other test runs: generous time limits; the waits inside have their own.
jest.setTimeout(120_000);

// Scenario (c): Redis stops while events are being published and delivered, then starts again: every event's
// effect exactly once. The Redis stopped here is the test's own redis-server, never the shared one.
let db: MessagingTestDb;
let prisma: PrismaClient;
const dir = mkdtempSync(join(tmpdir(), 'cairn-outage-redis-'));
let redis: OwnRedis;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  db = await createMessagingTestDb('outage');
  prisma = appPrisma(db.appUrl);
  redis = new OwnRedis(await freePort(), dir);
  await redis.start();
}, 60_000);
// A scenario that fails while its Redis is stopped must not leave the next one a worker that cannot stop.
afterEach(async () => {
  if (!redis.running) await redis.start();
});
afterAll(async () => {
  await worker?.stop();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
  await prisma?.$disconnect();
  await db?.drop();
});

it('delivers every event once when Redis stops mid-flight and comes back', async () => {
  worker = await startWorker(
    loadConfig({
      ...process.env,
      DATABASE_URL: db.appUrl,
      WORKER_PORT: '0',
      REDIS_URL: redis.url,
      QUEUE_PREFIX: uniqueQueuePrefix('outage'),
      OUTBOX_POLL_MS: '100',
      OUTBOX_BATCH_SIZE: '20',
      QUEUE_CONCURRENCY: '2',
      QUEUE_BACKOFF_MS: '100',
      QUEUE_LOCK_MS: '2000',
    }),
    { host: '127.0.0.1', consumers: [ProbeConsumerModule] },
  );
  const owner = db.owner;

  const before: string[] = [];
  for (let t = 0; t < 10; t++) before.push(...(await publishProbeEvents(prisma, db.orgs[t % 2]!, 20)));
  await waitFor('some effects before the outage', async () => (await effectCounts(owner, before)).rows >= 20, 30_000, 20);
  await redis.stop();

  // Published while Redis is down: committed, but the relay cannot hand them over.
  const during: string[] = [];
  for (let t = 0; t < 10; t++) during.push(...(await publishProbeEvents(prisma, db.orgs[t % 2]!, 10)));
  const stuck = () =>
    owner.query<{ unsent: string }>(
      'SELECT count(*) FILTER (WHERE sent_at IS NULL) AS unsent FROM pf_outbox_events WHERE id = ANY($1::uuid[])',
      [during],
    );
  // Wait for the relay to have tried (it backs off while Redis refuses, so not on a fixed clock). The refusal is
  // noted on the rows it claimed: the oldest unsent first, which on a slow machine are still some published
  // before the outage, so look at every row of the scenario.
  const noted = () =>
    owner.query<{ n: string }>('SELECT count(*) AS n FROM pf_outbox_events WHERE id = ANY($1::uuid[]) AND last_error LIKE $2', [
      [...before, ...during],
      'redis:%',
    ]);
  await waitFor('the relay to record that Redis refused', async () => Number((await noted()).rows[0]!.n) > 0, 30_000, 100);
  expect(Number((await stuck()).rows[0]!.unsent)).toBe(during.length); // nothing marked sent without Redis' acknowledgement

  await redis.start();
  const all = [...before, ...during];
  await waitFor('every effect after Redis is back', async () => (await effectCounts(owner, all)).distinct === all.length, 60_000, 200);
  const queue = worker.app.get(MessagingQueues).get('charge-creation');
  await expectQueueDrainedWithoutFailures(queue, 30_000);
  expect(await effectCounts(owner, all)).toEqual({ rows: all.length, distinct: all.length });
  const unsent = await owner.query('SELECT count(*) AS n FROM pf_outbox_events WHERE id = ANY($1::uuid[]) AND sent_at IS NULL', [all]);
  expect(Number(unsent.rows[0].n)).toBe(0);
}, 180_000);

it('delivers what was published while the worker started without Redis, once Redis comes up', async () => {
  await worker?.stop();
  worker = undefined;
  await redis.stop();
  worker = await startWorker(
    loadConfig({
      ...process.env,
      DATABASE_URL: db.appUrl,
      WORKER_PORT: '0',
      REDIS_URL: redis.url,
      QUEUE_PREFIX: uniqueQueuePrefix('outage-start'),
      OUTBOX_POLL_MS: '100',
      QUEUE_BACKOFF_MS: '100',
      QUEUE_LOCK_MS: '2000',
    }),
    { host: '127.0.0.1', consumers: [ProbeConsumerModule] },
  );
  const ids = await publishProbeEvents(prisma, db.orgs[0], 25);
  await waitFor(
    'the relay to record that Redis refused',
    async () =>
      Number(
        (await db.owner.query('SELECT count(*) AS n FROM pf_outbox_events WHERE id = ANY($1::uuid[]) AND last_error IS NOT NULL', [ids]))
          .rows[0].n,
      ) > 0,
    30_000,
    100,
  );
  expect((await effectCounts(db.owner, ids)).rows).toBe(0);

  await redis.start();
  await waitFor('every effect', async () => (await effectCounts(db.owner, ids)).distinct === ids.length, 60_000, 200);
  const queue = worker.app.get(MessagingQueues).get('charge-creation');
  await waitFor(
    'the queue to drain',
    async () => {
      const c = await queue.getJobCounts('wait', 'active', 'delayed');
      return c['wait'] === 0 && c['active'] === 0 && c['delayed'] === 0;
    },
    30_000,
    200,
  );
  expect(await effectCounts(db.owner, ids)).toEqual({ rows: ids.length, distinct: ids.length });
}, 180_000);
