// Its helpers register hooks and assert, in whichever program includes it (the browser runner's does too).
/// <reference types="jest" />
import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import Redis from 'ioredis';

import { withTenant, type PrismaClient } from '@cairn/platform/db';
import { freePort, testRedisUrl } from '@cairn/testing';

import { writeOutboxEvent, type IntegrationEvent } from '../src';
import { appPrisma, createMessagingTestDb, MessagingTestDb, obliterateQueues, spawnEntry, uniqueQueuePrefix, waitFor } from './probe';

export interface WorkerScenario {
  /** Filled in by beforeAll: the scenario's own database with the demo data. */
  db: MessagingTestDb;
  /** The worker process's stderr, for asserting that nothing failed. */
  stderr: string[];
  /** The queue prefix of this scenario's worker. */
  prefix: string;
  /** Writes an event to the outbox as its organization would, for the real relay to deliver. */
  publish(event: IntegrationEvent): Promise<void>;
  /**
   * Replays an event the consumer has already handled: `first` twice more under its own id straight onto `queue`
   * (a redelivery), and each of `republished` (the same payload under new ids) through the outbox. Resolves when
   * the consumer has recorded all three event ids once each and every one of these five jobs completed; fails the
   * test if any job of the queue failed.
   */
  replay(queue: string, consumer: string, first: IntegrationEvent, republished: [IntegrationEvent, IntegrationEvent]): Promise<void>;
}

export interface WorkerProcess {
  child: ChildProcess;
  /** SIGTERM (the worker drains), then waits for the exit. Safe to call twice. */
  stop(): Promise<void>;
}

/** The REAL worker process (apps/worker/src/main.ts) on a database and a queue prefix; stderr goes to `onStderr`. */
export async function startWorkerProcess(
  appUrl: string,
  prefix: string,
  onStderr: (chunk: string) => void,
  env: NodeJS.ProcessEnv = {},
): Promise<WorkerProcess> {
  const child = spawnEntry(
    'apps/worker/src/main.ts',
    {
      DATABASE_URL: appUrl,
      WORKER_PORT: String(await freePort()),
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'error',
      OUTBOX_POLL_MS: '100',
      ...env,
    },
    onStderr,
  );
  return {
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A scenario against the REAL worker process (apps/worker/src/main.ts): registers a beforeAll that creates a
 * database of its own with the demo data and starts the worker on queues under a prefix of its own, and an
 * afterAll that stops the worker, removes its queues and drops the database.
 */
export function workerScenario(name: string): WorkerScenario {
  const prefix = uniqueQueuePrefix(name);
  let prisma: PrismaClient | undefined;
  let worker: WorkerProcess | undefined;
  const scenario: WorkerScenario = {
    db: undefined as unknown as MessagingTestDb,
    stderr: [],
    prefix,
    publish: async (event) => {
      await withTenant(prisma!, { organizationId: event.organizationId, userId: '', siteIds: 'all', patientScope: 'none' }, (tx) =>
        writeOutboxEvent(tx, event),
      );
    },
    replay: async (queueName, consumer, first, republished) => {
      const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
      const queue = new Queue(queueName, { connection, prefix });
      try {
        for (const n of [1, 2]) await queue.add(first.type, first, { jobId: `${first.id}-redelivered-${n}` });
        for (const e of republished) await scenario.publish(e);
        const ids = [first.id, ...republished.map((e) => e.id)];
        const jobIds = [...ids, `${first.id}-redelivered-1`, `${first.id}-redelivered-2`];
        await waitFor(
          'every delivery to be handled',
          async () => {
            const processed = await scenario.db.owner.query(
              `SELECT count(*)::int AS n FROM pf_processed_events WHERE consumer = $1 AND event_id = ANY($2::uuid[])`,
              [consumer, ids],
            );
            // Only these five jobs: the demo data's own events go through the same queues.
            const states = await Promise.all(jobIds.map(async (id) => (await queue.getJob(id))?.getState()));
            return processed.rows[0].n === 3 && states.every((st) => st === 'completed');
          },
          60_000,
          200,
        );
        expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
      } finally {
        await queue.close();
        connection.disconnect();
      }
    },
  };
  beforeAll(async () => {
    scenario.db = await createMessagingTestDb(name, { demoData: true });
    prisma = appPrisma(scenario.db.appUrl);
    worker = await startWorkerProcess(scenario.db.appUrl, prefix, (d) => scenario.stderr.push(d));
  }, 90_000);
  afterAll(async () => {
    await worker?.stop();
    await obliterateQueues(testRedisUrl(), prefix);
    await prisma?.$disconnect();
    await scenario.db?.drop();
  });
  return scenario;
}
