import type { ChildProcess } from 'node:child_process';
import type { PrismaClient } from '@cairn/platform/db';
import { withTenant } from '@cairn/platform/db';
import type { IntegrationEvent } from '@cairn/platform/messaging';
import { writeOutboxEvent } from '@cairn/platform/messaging';
import { freePort } from '../../dev/probes';
import { appPrisma, createMessagingTestDb, MessagingTestDb, obliterateQueues, spawnEntry, uniqueQueuePrefix } from './probe';

export interface WorkerScenario {
  /** Filled in by beforeAll: the scenario's own database with the demo data. */
  db: MessagingTestDb;
  /** The worker process's stderr, for asserting that nothing failed. */
  stderr: string[];
  /** The queue prefix of this scenario's worker. */
  prefix: string;
  /** Writes an event to the outbox as its organization would, for the real relay to deliver. */
  publish(event: IntegrationEvent): Promise<void>;
}

/**
 * A scenario against the REAL worker process (apps/worker/src/main.ts): registers a beforeAll that creates a
 * database of its own with the demo data and starts the worker on queues under a prefix of its own, and an
 * afterAll that stops the worker, removes its queues and drops the database.
 */
export function workerScenario(name: string): WorkerScenario {
  const prefix = uniqueQueuePrefix(name);
  let prisma: PrismaClient | undefined;
  let worker: ChildProcess | undefined;
  const scenario: WorkerScenario = {
    db: undefined as unknown as MessagingTestDb,
    stderr: [],
    prefix,
    publish: async (event) => {
      await withTenant(prisma!, { organizationId: event.organizationId, userId: '', siteIds: 'all', patientScope: 'none' }, (tx) => writeOutboxEvent(tx, event));
    },
  };
  beforeAll(async () => {
    scenario.db = await createMessagingTestDb(name, { demoData: true });
    prisma = appPrisma(scenario.db.appUrl);
    worker = await spawnEntry(
      'apps/worker/src/main.ts',
      { DATABASE_URL: scenario.db.appUrl, WORKER_PORT: String(await freePort()), QUEUE_PREFIX: prefix, LOG_LEVEL: 'error', OUTBOX_POLL_MS: '100' },
      (d) => scenario.stderr.push(d),
    );
  }, 90_000);
  afterAll(async () => {
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      const exited = new Promise((resolve) => worker!.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await obliterateQueues(process.env['REDIS_URL']!, prefix);
    await prisma?.$disconnect();
    await scenario.db?.drop();
  });
  return scenario;
}
