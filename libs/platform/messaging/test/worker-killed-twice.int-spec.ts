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

jest.setTimeout(180_000);

// Two worker deaths close together, each while the same jobs were active in it (waiting for a group commit): a
// worker's death stalls every job it held, so a job is taken over once per death through no fault of its own. It
// must still be applied exactly once, and must not land in the failed set (QUEUE_MAX_STALLED; at BullMQ's default of
// 1 the second death failed them: the 10,000-attendance chaos run lost 20 charges that way).
const prefix = uniqueQueuePrefix('killed-twice');
let db: MessagingTestDb;
let prisma: PrismaClient;
let connection: Redis;
let queue: Queue;
const children: ChildProcess[] = [];

async function spawnWorker(): Promise<ChildProcess> {
  const child = spawnEntry(PROBE_WORKER_ENTRY, {
    DATABASE_URL: db.appUrl,
    WORKER_PORT: String(await freePort()),
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'error',
    OUTBOX_POLL_MS: '100',
    // Dead workers' jobs are taken over within about a second; one transaction at a time, so the slow events wait
    // in the worker, active, for a while.
    QUEUE_LOCK_MS: '1000',
    QUEUE_CONCURRENCY: '8',
    QUEUE_TRANSACTIONS: '1',
  });
  children.push(child);
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  db = await createMessagingTestDb('killed_twice');
  prisma = appPrisma(db.appUrl);
  connection = new Redis(process.env['REDIS_URL']!, { maxRetriesPerRequest: 1 });
  queue = new Queue('charge-creation', { connection, prefix });
}, 60_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await queue?.close();
  connection?.disconnect();
  await obliterateQueues(process.env['REDIS_URL']!, prefix);
  await prisma?.$disconnect();
  await db?.drop();
});

it('applies every event once, and fails none, when two workers die in turn holding the same jobs', async () => {
  // Slow events (1.5 s each, in groups): whatever a worker has taken is still active when it dies.
  const ids = await publishProbeEvents(prisma, db.orgs[0]!, 6, { slow: true });
  const active = async () => (await queue.getJobCounts('active'))['active'] ?? 0;
  /** Jobs active now that were taken over from a dead worker at least `times` times. */
  const takenOver = async (times: number) => (await queue.getJobs(['active'])).filter((j) => j.stalledCounter >= times).length;

  const first = await spawnWorker();
  await waitFor('the first worker to take the jobs', async () => (await active()) >= 4, 60_000, 50);
  await kill(first);
  expect((await effectCounts(db.owner, ids)).rows).toBe(0);

  const second = await spawnWorker();
  // Taken over: stalled (the first worker's locks ran out), back to waiting, and active again in the second worker.
  await waitFor('the second worker to take the stalled jobs over', async () => (await takenOver(1)) >= 4, 60_000, 50);
  await kill(second);

  await spawnWorker();
  await waitFor(
    'the third worker to take them over again',
    async () => {
      const failed = (await queue.getJobCounts('failed'))['failed'] ?? 0;
      if (failed > 0) throw new Error(`${failed} job(s) went to the failed set for their workers' deaths`);
      return (await takenOver(2)) >= 1;
    },
    60_000,
    50,
  );
  await waitFor('every event to be applied', async () => (await effectCounts(db.owner, ids)).distinct === ids.length, 120_000, 250);
  await expectQueueDrainedWithoutFailures(queue, 60_000);
  expect(await effectCounts(db.owner, ids)).toEqual({ rows: ids.length, distinct: ids.length });
});
