import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { PM_APPOINTMENT_STATUS_CHANGED_V1 } from '@cairn/platform/scheduling';
import { loadConfig } from '@cairn/platform/config';
import { createMessagingTestDb, MessagingTestDb, obliterateQueues, uniqueQueuePrefix, waitFor } from './probe';
import { EVENTS_WITHOUT_CONSUMER, RunningWorker, startWorker } from '../src';

// Real services on a machine shared with other test runs: generous time limits; the waits inside have their own.
jest.setTimeout(120_000);

// How the relay reaches every organization's outbox rows through the app role, and what it does with rows it
// cannot deliver. (The delivery guarantees have their own scenario files beside this one.)
let db: MessagingTestDb;
let owner: MessagingTestDb['owner'];
let app: Pool;

beforeAll(async () => {
  db = await createMessagingTestDb('relay');
  owner = db.owner;
  app = new Pool({ connectionString: db.appUrl, max: 4 });
  app.on('error', () => undefined);
}, 60_000);
afterAll(async () => {
  await app?.end();
  await db?.drop();
});

async function insertRow(type: string): Promise<string> {
  const id = randomUUID();
  // As the owner: an old deployment's event type that no queue takes any more.
  await owner.query(`INSERT INTO pf_outbox_events (organization_id, id, event_type, payload) VALUES ($1, $2, $3, '{}'::jsonb)`, [randomUUID(), id, type]);
  return id;
}

describe('the outbox through the app role', () => {
  it('shows no rows to a plain SELECT, with or without a tenant context', async () => {
    await expect(app.query('SELECT * FROM pf_outbox_events')).rejects.toThrow(/permission denied/);
  });

  it('hands concurrent claimers disjoint rows (FOR UPDATE SKIP LOCKED) until they commit', async () => {
    const prefix = `skip-locked-${randomUUID()}`;
    const ids = await Promise.all([1, 2, 3, 4].map(() => insertRow(`${prefix}.v1`)));
    const a = await app.connect();
    const b = await app.connect();
    try {
      await a.query('BEGIN');
      await b.query('BEGIN');
      const first = await a.query('SELECT id FROM pf_outbox_claim(1000) WHERE event_type = $1', [`${prefix}.v1`]);
      const second = await b.query('SELECT id FROM pf_outbox_claim(1000) WHERE event_type = $1', [`${prefix}.v1`]);
      expect(first.rows.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(second.rows).toEqual([]);
    } finally {
      await a.query('ROLLBACK');
      await b.query('ROLLBACK');
      a.release();
      b.release();
    }
    const { rows } = await owner.query('SELECT count(*) AS n FROM pf_outbox_events WHERE id = ANY($1::uuid[]) AND sent_at IS NULL', [ids]);
    expect(Number(rows[0].n)).toBe(4); // a rolled-back claim leaves them unsent
    await owner.query('DELETE FROM pf_outbox_events WHERE id = ANY($1::uuid[])', [ids]);
  });

  it('refuses a claim size outside 1..1000', async () => {
    await expect(app.query('SELECT * FROM pf_outbox_claim(0)')).rejects.toThrow(/between 1 and 1000/);
    await expect(app.query('SELECT * FROM pf_outbox_claim(1001)')).rejects.toThrow(/between 1 and 1000/);
  });
});

describe('the relay with an event no queue takes', () => {
  let worker: RunningWorker | undefined;
  const prefix = uniqueQueuePrefix('unroutable');
  afterAll(async () => {
    await worker?.stop();
    await obliterateQueues(process.env['REDIS_URL']!, prefix);
  });

  it('leaves it unsent with the reason and defers it, instead of dropping it or blocking the outbox', async () => {
    const id = await insertRow('retired_event.v0');
    worker = await startWorker(loadConfig({ ...process.env, DATABASE_URL: db.appUrl, WORKER_PORT: '0', QUEUE_PREFIX: prefix, OUTBOX_POLL_MS: '100' }), { host: '127.0.0.1' });
    await waitFor('the relay to look at it', async () => (await owner.query('SELECT 1 FROM pf_outbox_events WHERE id = $1 AND last_error IS NOT NULL', [id])).rowCount === 1);
    const { rows } = await owner.query('SELECT sent_at, last_error, available_at > now() + interval \'50 minutes\' AS deferred FROM pf_outbox_events WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ sent_at: null, last_error: 'no queue takes this event type', deferred: true });
    await owner.query('DELETE FROM pf_outbox_events WHERE id = $1', [id]);
  });

  it('keeps a published event no context consumes yet (EVENTS_WITHOUT_CONSUMER) in the outbox, and creates no queue for it', async () => {
    expect(EVENTS_WITHOUT_CONSUMER).toContain(PM_APPOINTMENT_STATUS_CHANGED_V1);
    const id = await insertRow(PM_APPOINTMENT_STATUS_CHANGED_V1);
    worker ??= await startWorker(loadConfig({ ...process.env, DATABASE_URL: db.appUrl, WORKER_PORT: '0', QUEUE_PREFIX: prefix, OUTBOX_POLL_MS: '100' }), { host: '127.0.0.1' });
    await waitFor('the relay to look at it', async () => (await owner.query('SELECT 1 FROM pf_outbox_events WHERE id = $1 AND last_error IS NOT NULL', [id])).rowCount === 1);
    const { rows } = await owner.query('SELECT sent_at, last_error, available_at > now() + interval \'50 minutes\' AS deferred FROM pf_outbox_events WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ sent_at: null, last_error: 'no queue takes this event type', deferred: true });
    const redis = new Redis(process.env['REDIS_URL']!);
    try {
      expect(await redis.keys(`${prefix}:appointment-status:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
    await owner.query('DELETE FROM pf_outbox_events WHERE id = $1', [id]);
  });
});
