import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@cairn/platform/config';
import { MessagingQueues } from '@cairn/platform/messaging';
import { freePort } from '../../../../tools/dev/probes';
import {
  appPrisma, effectCounts, ensureProbeTables, OwnRedis, ProbeConsumerModule, publishProbeEvents, uniqueQueuePrefix, waitFor,
} from '../../../../tools/testing/messaging-probe';
import { ownerPool } from '../../../../tools/testing/test-db';
import { RunningWorker, startWorker } from '../start-worker';

// Scenario (c): Redis stops while events are being published and delivered, then starts again: every event's
// effect exactly once. The Redis stopped here is the test's own redis-server, never the shared one.
const owner = ownerPool();
const prisma = appPrisma(process.env['DATABASE_URL']!);
const dir = mkdtempSync(join(tmpdir(), 'cairn-outage-redis-'));
let redis: OwnRedis;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  await ensureProbeTables(process.env['DATABASE_OWNER_URL']!);
  redis = new OwnRedis(await freePort(), dir);
  await redis.start();
});
afterAll(async () => {
  await worker?.stop();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
  await prisma.$disconnect();
  await owner.end();
});

it('delivers every event once when Redis stops mid-flight and comes back', async () => {
  worker = await startWorker(loadConfig({
    ...process.env, WORKER_PORT: '0', REDIS_URL: redis.url, QUEUE_PREFIX: uniqueQueuePrefix('outage'),
    OUTBOX_POLL_MS: '100', OUTBOX_BATCH_SIZE: '20', QUEUE_CONCURRENCY: '2', QUEUE_BACKOFF_MS: '100', QUEUE_LOCK_MS: '2000',
  }), { host: '127.0.0.1', consumers: [ProbeConsumerModule] });
  const { rows: orgs } = await owner.query<{ id: string }>('SELECT id FROM pf_organizations ORDER BY slug');

  const before: string[] = [];
  for (let t = 0; t < 10; t++) before.push(...(await publishProbeEvents(prisma, orgs[t % 2]!.id, 20)));
  await waitFor('some effects before the outage', async () => (await effectCounts(owner, before)).rows >= 20, 30_000, 20);
  await redis.stop();

  // Published while Redis is down: committed, but the relay cannot hand them over.
  const during: string[] = [];
  for (let t = 0; t < 10; t++) during.push(...(await publishProbeEvents(prisma, orgs[t % 2]!.id, 10)));
  await new Promise((r) => setTimeout(r, 1500));
  const stuck = await owner.query<{ unsent: string; noted: string }>(
    'SELECT count(*) FILTER (WHERE sent_at IS NULL) AS unsent, count(*) FILTER (WHERE last_error LIKE $2) AS noted FROM pf_outbox_events WHERE id = ANY($1::uuid[])',
    [during, 'redis:%']);
  expect(Number(stuck.rows[0]!.unsent)).toBe(during.length); // nothing marked sent without Redis' acknowledgement
  expect(Number(stuck.rows[0]!.noted)).toBeGreaterThan(0);

  await redis.start();
  const all = [...before, ...during];
  await waitFor('every effect after Redis is back', async () => (await effectCounts(owner, all)).distinct === all.length, 60_000, 200);
  const queue = worker.app.get(MessagingQueues).get('charge-creation');
  await waitFor('the queue to drain', async () => {
    const c = await queue.getJobCounts('wait', 'active', 'delayed');
    return c['wait'] === 0 && c['active'] === 0 && c['delayed'] === 0;
  }, 30_000, 200);
  expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
  expect(await effectCounts(owner, all)).toEqual({ rows: all.length, distinct: all.length });
  const unsent = await owner.query('SELECT count(*) AS n FROM pf_outbox_events WHERE id = ANY($1::uuid[]) AND sent_at IS NULL', [all]);
  expect(Number(unsent.rows[0].n)).toBe(0);
}, 180_000);
