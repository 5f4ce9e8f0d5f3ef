import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';

import type { PrismaClient } from '@cairn/platform/db';
import { freePort, httpStatus } from '@cairn/testing';

import {
  appPrisma,
  createMessagingTestDb,
  effectCounts,
  MessagingTestDb,
  obliterateQueues,
  PROBE_WORKER_ENTRY,
  publishProbeEvents,
  uniqueQueuePrefix,
  waitFor,
} from './probe';

// Real services on a machine shared with other test runs: generous time limits; the waits inside have their own.
jest.setTimeout(120_000);

// Graceful drain: SIGTERM while a consumer is in the middle of an event lets it finish (effect committed,
// job completed) before the worker process exits 0; nothing is left for a takeover.
const ROOT = join(__dirname, '..', '..', '..', '..');
const prefix = uniqueQueuePrefix('drain');
let db: MessagingTestDb;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createMessagingTestDb('drain');
  prisma = appPrisma(db.appUrl);
});
afterAll(async () => {
  await obliterateQueues(process.env['REDIS_URL']!, prefix);
  await prisma?.$disconnect();
  await db?.drop();
});

it('finishes the event in flight on SIGTERM, then exits 0', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', PROBE_WORKER_ENTRY], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: db.appUrl,
      WORKER_PORT: String(port),
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_MS: '100',
    },
    stdio: 'ignore',
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const connection = new Redis(process.env['REDIS_URL']!, { maxRetriesPerRequest: 1 });
  const queue = new Queue('charge-creation', { connection, prefix });
  try {
    await waitFor('the worker to start', async () => (await httpStatus(`http://127.0.0.1:${port}/health`)) === 200, 60_000, 200);
    const [id] = await publishProbeEvents(prisma, db.orgs[0], 1, { slow: true });
    await waitFor('the slow event to be in flight', async () => (await (await queue.getJob(id!))?.getState()) === 'active', 30_000, 20);

    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(await effectCounts(db.owner, [id!])).toEqual({ rows: 1, distinct: 1 });
    expect(await (await queue.getJob(id!))?.getState()).toBe('completed');
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await queue.close();
    connection.disconnect();
  }
});
