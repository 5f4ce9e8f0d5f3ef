import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Pool } from 'pg';

import { CL_GROUP_SESSION_DOCUMENTED_V1 } from '@cairn/platform/clinical';
import { loadConfig } from '@cairn/platform/config';

import { EVENTS_WITHOUT_CONSUMER, queuesFor, RunningWorker, startWorker } from '../src';
import { createMessagingTestDb, MessagingTestDb, obliterateQueues, uniqueQueuePrefix, waitFor } from './probe';

const AWAITING = 'pm_appointment_reminder_sent.v1';

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
  await owner.query(`INSERT INTO pf_outbox_events (organization_id, id, event_type, payload) VALUES ($1, $2, $3, '{}'::jsonb)`, [
    randomUUID(),
    id,
    type,
  ]);
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
  let parkedRoutable: string;
  const startRelay = async () =>
    (worker ??= await startWorker(
      loadConfig({ ...process.env, DATABASE_URL: db.appUrl, WORKER_PORT: '0', QUEUE_PREFIX: prefix, OUTBOX_POLL_MS: '100' }),
      { host: '127.0.0.1' },
    ));
  const parkedState = async (id: string) =>
    (
      await owner.query(
        `SELECT sent_at, last_error, available_at = 'infinity' AS parked, relay_attempts FROM pf_outbox_events WHERE id = $1`,
        [id],
      )
    ).rows[0];
  beforeAll(async () => {
    // A row an earlier deployment parked because no queue took its type then; this deployment routes it.
    parkedRoutable = await insertRow(CL_GROUP_SESSION_DOCUMENTED_V1);
    await owner.query(
      `UPDATE pf_outbox_events SET available_at = 'infinity', last_error = 'no queue takes this event type' WHERE id = $1`,
      [parkedRoutable],
    );
  });
  afterAll(async () => {
    await worker?.stop();
    await obliterateQueues(process.env['REDIS_URL']!, prefix);
  });

  it('sends, once started, the rows parked for a type it now routes (the deploy that adds a consumer)', async () => {
    await startRelay();
    await waitFor(
      'the parked row to be sent',
      async () =>
        (await owner.query('SELECT 1 FROM pf_outbox_events WHERE id = $1 AND sent_at IS NOT NULL', [parkedRoutable])).rowCount === 1,
    );
    expect(await parkedState(parkedRoutable)).toMatchObject({ last_error: null, parked: false });
  });

  it('leaves it unsent with the reason and parks it, instead of dropping it, blocking the outbox or claiming it again', async () => {
    const id = await insertRow('retired_event.v0');
    await startRelay();
    await waitFor(
      'the relay to look at it',
      async () => (await owner.query('SELECT 1 FROM pf_outbox_events WHERE id = $1 AND last_error IS NOT NULL', [id])).rowCount === 1,
    );
    expect(await parkedState(id)).toEqual({ sent_at: null, last_error: 'no queue takes this event type', parked: true, relay_attempts: 1 });
    // Many polls later (100 ms each), the relay has not claimed it again.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await parkedState(id)).relay_attempts).toBe(1);
    await owner.query('DELETE FROM pf_outbox_events WHERE id = $1', [id]);
  });

  it('keeps a published event no context consumes yet (EVENTS_WITHOUT_CONSUMER) in the outbox, creates no queue for it, and counts it apart from the lag', async () => {
    // Today every published type has a consumer (EVENTS_WITHOUT_CONSUMER is empty): a type no queue takes stands for one.
    for (const type of EVENTS_WITHOUT_CONSUMER) expect(queuesFor(type)).toEqual([]);
    expect(queuesFor(AWAITING)).toEqual([]);
    const id = await insertRow(AWAITING);
    // An hour old: were it counted as lag, the gauge would say so.
    await owner.query(`UPDATE pf_outbox_events SET created_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    const running = await startRelay();
    await waitFor(
      'the relay to look at it',
      async () => (await owner.query('SELECT 1 FROM pf_outbox_events WHERE id = $1 AND last_error IS NOT NULL', [id])).rowCount === 1,
    );
    expect(await parkedState(id)).toEqual({ sent_at: null, last_error: 'no queue takes this event type', parked: true, relay_attempts: 1 });
    const redis = new Redis(process.env['REDIS_URL']!);
    try {
      expect(await redis.keys(`${prefix}:appointment-status:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
    const metrics = await (await fetch(`http://127.0.0.1:${running.port}/metrics`)).text();
    expect(metrics).toContain(`cairn_outbox_waiting_events{type="${AWAITING}"} 1`);
    expect(metrics).toMatch(/^cairn_outbox_unsent_events 0$/m);
    expect(metrics).toMatch(/^cairn_outbox_lag_seconds 0$/m);
    await owner.query('DELETE FROM pf_outbox_events WHERE id = $1', [id]);
  });
});
