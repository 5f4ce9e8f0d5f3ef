import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import Redis from 'ioredis';

import { PEER_ENCOUNTER_FINALIZED_V1 } from '@cairn/platform/clinical';
import { loadConfig } from '@cairn/platform/config';
import type { PrismaClient } from '@cairn/platform/db';

import { buildEvent, IntegrationEvent, MessagingQueues, RunningWorker, startWorker } from '../src';
import {
  appPrisma,
  createMessagingTestDb,
  effectCounts,
  MessagingTestDb,
  obliterateQueues,
  ProbeConsumerModule,
  probePayload,
  publishProbeEvents,
  uniqueQueuePrefix,
  waitFor,
} from './probe';

// Real services on a machine shared with other test runs: generous time limits; the waits inside have their own.
jest.setTimeout(120_000);

// Scenario (d): the same event delivered three times yields one effect.
const prefix = uniqueQueuePrefix('dupes');
let db: MessagingTestDb;
let owner: MessagingTestDb['owner'];
let prisma: PrismaClient;
let worker: RunningWorker;
let events: QueueEvents;
let eventsConnection: Redis;
let org: string;

beforeAll(async () => {
  db = await createMessagingTestDb('dupes');
  owner = db.owner;
  prisma = appPrisma(db.appUrl);
  worker = await startWorker(
    loadConfig({
      ...process.env,
      DATABASE_URL: db.appUrl,
      WORKER_PORT: '0',
      QUEUE_PREFIX: prefix,
      OUTBOX_POLL_MS: '100',
      QUEUE_CONCURRENCY: '4',
    }),
    {
      host: '127.0.0.1',
      consumers: [ProbeConsumerModule],
    },
  );
  eventsConnection = new Redis(process.env['REDIS_URL']!, { maxRetriesPerRequest: null });
  events = new QueueEvents('charge-creation', { connection: eventsConnection, prefix });
  await events.waitUntilReady();
  org = db.orgs[1];
}, 60_000);
afterAll(async () => {
  await events?.close();
  eventsConnection?.disconnect();
  await worker?.stop();
  await obliterateQueues(process.env['REDIS_URL']!, prefix);
  await prisma?.$disconnect();
  await db?.drop();
});

/** Adds the event as a job with its own id and waits for the consumer's outcome. */
async function deliver(event: IntegrationEvent, jobId: string): Promise<string> {
  const job = await worker.app.get(MessagingQueues).get('charge-creation').add(event.type, event, { jobId, attempts: 1 });
  return job.waitUntilFinished(events, 30_000);
}

describe('the same event delivered three times', () => {
  it('is applied once: relayed again from the outbox and redelivered as two more jobs', async () => {
    const [id] = await publishProbeEvents(prisma, org, 1);
    await waitFor('the first delivery', async () => (await effectCounts(owner, [id!])).rows === 1);
    const queue = worker.app.get(MessagingQueues).get('charge-creation');
    const job = await queue.getJob(id!);
    expect(job?.returnvalue).toBe('processed');
    // As the relay added it: named by the versioned event, retried with exponential backoff, kept when failed.
    expect(job?.name).toBe('peer_encounter_finalized.v1');
    expect(job?.opts).toMatchObject({ attempts: 6, backoff: { type: 'exponential', delay: 2000 }, removeOnFail: false });

    // Second delivery: the row is unsent again (as after a relay crash between Redis' ack and the commit).
    await owner.query('UPDATE pf_outbox_events SET sent_at = NULL WHERE id = $1', [id]);
    await waitFor(
      'the relay to send it again',
      async () => (await owner.query('SELECT 1 FROM pf_outbox_events WHERE id = $1 AND sent_at IS NOT NULL', [id])).rowCount === 1,
    );
    // Third and fourth: the same event as jobs BullMQ cannot recognise (e.g. the first job was already removed).
    const { rows } = await owner.query('SELECT organization_id, id, event_type, payload, occurred_at FROM pf_outbox_events WHERE id = $1', [
      id,
    ]);
    const event = {
      id,
      type: rows[0].event_type,
      organizationId: rows[0].organization_id,
      occurredAt: rows[0].occurred_at.toISOString(),
      payload: rows[0].payload,
    } as IntegrationEvent;
    expect(await deliver(event, `${id}-again-1`)).toBe('duplicate');
    expect(await deliver(event, `${id}-again-2`)).toBe('duplicate');

    expect(await effectCounts(owner, [id!])).toEqual({ rows: 1, distinct: 1 });
    const processed = await owner.query('SELECT count(*) AS n FROM pf_processed_events WHERE event_id = $1', [id]);
    expect(Number(processed.rows[0].n)).toBe(1);
  });

  it('is applied once when the three deliveries run at the same moment', async () => {
    const event = buildEvent(PEER_ENCOUNTER_FINALIZED_V1, org, probePayload(org), { id: randomUUID() });
    const outcomes = await Promise.all([1, 2, 3].map((n) => deliver(event, `${event.id}-parallel-${n}`)));
    expect(outcomes.sort()).toEqual(['duplicate', 'duplicate', 'processed']);
    expect(await effectCounts(owner, [event.id])).toEqual({ rows: 1, distinct: 1 });
  });
});

describe('a job the consumer cannot handle', () => {
  it('fails at once, without retries, into the failed set', async () => {
    const id = randomUUID();
    const queue = worker.app.get(MessagingQueues).get('charge-creation');
    // An event of another queue's type, as a misrouted producer would add it.
    const job = await queue.add(
      'cl_group_session_documented.v1',
      { id, type: 'cl_group_session_documented.v1', organizationId: org, occurredAt: new Date().toISOString(), payload: {} } as never,
      { jobId: id, attempts: 5 },
    );
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(
      /cannot handle a cl_group_session_documented.v1 job on charge-creation/,
    );
    const failed = await queue.getJob(id);
    expect(await failed!.getState()).toBe('failed');
    expect(failed!.attemptsMade).toBe(1);
    expect(await effectCounts(owner, [id])).toEqual({ rows: 0, distinct: 0 });
  });
});

describe("the worker's /metrics", () => {
  it('reports queue depth, attempts, outcomes, latency and the outbox lag', async () => {
    const text = await (await fetch(`http://127.0.0.1:${worker.port}/metrics`)).text();
    expect(text).toMatch(/cairn_queue_jobs\{queue="charge-creation",state="wait"\} \d+/);
    expect(text).toMatch(/cairn_queue_jobs\{queue="encounter-generation",state="failed"\} \d+/);
    expect(text).toMatch(/cairn_job_attempts_total\{queue="charge-creation"\} [1-9]/);
    expect(text).toMatch(/cairn_jobs_completed_total\{queue="charge-creation",outcome="duplicate"\} [1-9]/);
    expect(text).toMatch(/cairn_job_duration_seconds_count\{queue="charge-creation"\} [1-9]/);
    expect(text).toMatch(/cairn_event_delivery_seconds_count\{queue="charge-creation"\} [1-9]/);
    expect(text).toMatch(/cairn_outbox_relayed_total\{queue="charge-creation"\} [1-9]/);
    expect(text).toMatch(/cairn_job_failures_total\{queue="charge-creation",final="true"\} [1-9]/);
    expect(text).toMatch(/cairn_outbox_lag_seconds \d/);
    expect(text).toMatch(/cairn_outbox_unsent_events \d/);
  });
});
