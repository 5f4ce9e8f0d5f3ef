import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';

import { loadConfig } from '@cairn/platform/config';
import { adminUrlFromEnv, createScratchDatabase, DEMO_TEST_TODAY, dropDatabase, seedDemoData, uniqueDatabaseName } from '@cairn/testing';

import { startWorker } from '../src';
import { obliterateQueues, uniqueQueuePrefix, waitFor } from './probe';
import { startWorkerProcess, WorkerProcess } from './worker-scenario';

// Real services on a machine shared with other test runs: generous limits; the waits inside have their own.
jest.setTimeout(300_000);

// "Sent" means a consumer will run, for THIS database (ADR 0005 §3, §7). BullMQ ignores an add whose jobId it
// holds, and keeps completed jobs a day: a fresh database with the demo's deterministic event ids, or one
// restored from a backup, must not have its events swallowed by the finished jobs of another timeline, and
// every event must still be applied exactly once (pf_processed_events). Everything here is real: PostgreSQL,
// Redis, the worker process with CL's generation and PM's charge consumers, the demo data.

/** The consumer of each demo event type (the processed-events key). */
const CONSUMERS = [
  ['cl_group_session_documented.v1', 'cl.generate-encounters-when-group-session-documented'],
  ['peer_encounter_finalized.v1', 'pm.charge-creation'],
] as const;

interface Db {
  name: string;
  ownerUrl: string;
  appUrl: string;
}

const serverAdminUrl = process.env['TEST_SERVER_ADMIN_URL'] ?? adminUrlFromEnv();
const databases: string[] = [];
const workers: WorkerProcess[] = [];
const prefixes: string[] = [];
const stderr: string[] = [];

/** A migrated database of its own with the demo data (seed 1: the same event ids every time). */
async function demoDatabase(label: string): Promise<Db> {
  const db = await createScratchDatabase({ prefix: `cairn_msg_${label}`, migrate: true });
  databases.push(db.database);
  await seedDemoData({ ownerUrl: db.ownerUrl, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });
  return { name: db.database, ownerUrl: db.ownerUrl, appUrl: db.appUrl };
}

/**
 * A copy of `source` as it is now (CREATE DATABASE ... TEMPLATE: a snapshot, or a restore of one). Nothing may
 * be connected to the source, so every query of this test opens and closes its own connection.
 */
async function copyDatabase(source: Db, label: string): Promise<Db> {
  const name = uniqueDatabaseName(`cairn_msg_${label}`);
  const admin = new Client({ connectionString: serverAdminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${source.name}"`);
  } finally {
    await admin.end();
  }
  databases.push(name);
  const retarget = (url: string) => {
    const u = new URL(url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  return { name, ownerUrl: retarget(source.ownerUrl), appUrl: retarget(source.appUrl) };
}

async function query<T extends Record<string, unknown>>(db: Db, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: db.ownerUrl });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

interface Progress {
  events: number;
  sent: number;
  /** Events whose consumer recorded them (pf_processed_events: at most once by its key). */
  processed: number;
  ids: string[];
}

async function progress(db: Db): Promise<Progress> {
  const [row] = await query<{ events: number; sent: number; processed: number; ids: string[] }>(
    db,
    `
    SELECT count(*)::int AS events, count(*) FILTER (WHERE o.sent_at IS NOT NULL)::int AS sent,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM pf_processed_events p
        WHERE p.organization_id = o.organization_id AND p.event_id = o.id AND p.consumer = c.consumer))::int AS processed,
      coalesce(array_agg(o.id::text ORDER BY o.id), '{}') AS ids
    FROM pf_outbox_events o JOIN unnest($1::text[], $2::text[]) AS c(event_type, consumer) USING (event_type)`,
    [CONSUMERS.map((c) => c[0]), CONSUMERS.map((c) => c[1])],
  );
  return row!;
}

/** The effects of the demo events: generations per session and attendee, charges per source. */
async function effects(db: Db): Promise<Record<string, number>> {
  const [row] = await query<Record<string, number>>(
    db,
    `
    SELECT (SELECT count(*)::int FROM cl_group_encounter_generations) AS generations,
      (SELECT count(DISTINCT (group_session_id, patient_id))::int FROM cl_group_encounter_generations) AS "distinctGenerations",
      (SELECT count(*)::int FROM pm_charges) AS charges,
      (SELECT count(*)::int FROM pf_processed_events WHERE consumer = ANY($1::text[])) AS processed`,
    // The scenario's consumers only: the dashboards consumer reads the same events at its own pace (ADR 0017), and
    // stopping the worker once these are done leaves it wherever it got to.
    [CONSUMERS.map((c) => c[1])],
  );
  return row!;
}

/** Runs the real worker on `db` until every demo event is processed, then stops it. */
async function runUntilProcessed(db: Db, prefix: string): Promise<Progress> {
  const worker = await startWorkerProcess(db.appUrl, prefix, (d) => stderr.push(d));
  workers.push(worker);
  try {
    await waitFor(
      `every outbox event of ${db.name} to be processed`,
      async () => {
        const p = await progress(db);
        return p.events > 0 && p.processed === p.events && p.sent === p.events;
      },
      120_000,
      250,
    );
  } finally {
    await worker.stop();
  }
  return progress(db);
}

afterAll(async () => {
  for (const w of workers) await w.stop();
  for (const p of prefixes) await obliterateQueues(process.env['REDIS_URL']!, p);
  for (const d of databases) await dropDatabase(serverAdminUrl, d).catch(() => undefined);
});

it('a fresh database against a Redis holding finished jobs under the same event ids: every event processed once', async () => {
  const prefix = uniqueQueuePrefix('fresh-db');
  prefixes.push(prefix);
  const first = await demoDatabase('fresh_a');
  const done = await runUntilProcessed(first, prefix);
  const expected = await effects(first);
  expect(expected.generations).toBeGreaterThan(0);
  expect(expected.charges).toBeGreaterThan(0);
  expect(expected.generations).toBe(expected.distinctGenerations);

  // As after stopping `npm start`, deleting .data/ and starting again with the same Redis: the same ids.
  const second = await demoDatabase('fresh_b');
  expect((await progress(second)).ids).toEqual(done.ids);
  expect((await progress(second)).sent).toBe(0);
  const again = await runUntilProcessed(second, prefix);
  expect(again.processed).toBe(again.events);
  expect(await effects(second)).toEqual(expected);
  expect(stderr.join('')).not.toMatch(/moved to the failed set/);
});

describe('a database restored to an earlier point', () => {
  const prefix = uniqueQueuePrefix('restored');
  prefixes.push(prefix);
  let live: Db;
  let restored: Db;
  let expected: Record<string, number>;

  it('sends again what the lost timeline consumed: every event processed once, nothing doubled', async () => {
    live = await demoDatabase('restore_live');
    // The backup is taken while the relay has sent the group sessions and the consumers have not run yet
    // (a worker with the relay only), and while the peer encounters are not yet due (still unsent).
    await query(
      live,
      `UPDATE pf_outbox_events SET available_at = now() + interval '1 hour' WHERE event_type = 'peer_encounter_finalized.v1'`,
    );
    const relayOnly = await startWorker(
      loadConfig({
        ...process.env,
        DATABASE_URL: live.appUrl,
        WORKER_PORT: '0',
        QUEUE_PREFIX: prefix,
        OUTBOX_POLL_MS: '100',
        LOG_LEVEL: 'silent',
      }),
      {
        host: '127.0.0.1',
        consumers: [],
      },
    );
    try {
      await waitFor('the relay to send the group sessions', async () => {
        const [r] = await query<{ unsent: number }>(
          live,
          `SELECT count(*)::int AS unsent FROM pf_outbox_events WHERE event_type = 'cl_group_session_documented.v1' AND sent_at IS NULL`,
        );
        return r!.unsent === 0;
      });
    } finally {
      await relayOnly.stop();
    }
    const backup = await copyDatabase(live, 'restore_backup');
    const atBackup = await progress(backup);
    expect(atBackup.processed).toBe(0);
    expect(atBackup.sent).toBeGreaterThan(0);
    expect(atBackup.sent).toBeLessThan(atBackup.events);

    // The live database goes on: the peer encounters fall due, everything is consumed.
    await query(live, `UPDATE pf_outbox_events SET available_at = now()`);
    await runUntilProcessed(live, prefix);
    expected = await effects(live);
    expect(expected.generations).toBe(expected.distinctGenerations);
    expect(expected.charges).toBeGreaterThan(0);

    // Restore the backup and start the worker on it with the same Redis: the sent group sessions' jobs are
    // completed there (consumed by the lost timeline), the peer encounters' ids too.
    restored = await copyDatabase(backup, 'restore_restored');
    await query(restored, `UPDATE pf_outbox_events SET available_at = now()`); // the hour has passed
    const after = await runUntilProcessed(restored, prefix);
    expect(after.processed).toBe(after.events);
    expect(await effects(restored)).toEqual(expected);
    const [clock] = await query<{ rewound: boolean }>(restored, 'SELECT rewound_at IS NOT NULL AS rewound FROM pf_outbox_relay_clock');
    expect(clock!.rewound).toBe(true);
    // The live database never went back in time.
    const [liveClock] = await query<{ rewound: boolean }>(live, 'SELECT rewound_at IS NOT NULL AS rewound FROM pf_outbox_relay_clock');
    expect(liveClock!.rewound).toBe(false);
    expect(stderr.join('')).not.toMatch(/moved to the failed set/);
  });

  it('re-delivers an event it has already applied as a no-op that reaches the consumer', async () => {
    // As after a relay crash between Redis' acknowledgement and its commit: sent events unsent again.
    const before = await progress(restored);
    await query(restored, 'UPDATE pf_outbox_events SET sent_at = NULL');
    const connection = new Redis(process.env['REDIS_URL']!, { maxRetriesPerRequest: 1 });
    const queues = ['encounter-generation', 'charge-creation'].map((n) => new Queue(n, { connection, prefix }));
    const worker = await startWorkerProcess(restored.appUrl, prefix, (d) => stderr.push(d));
    workers.push(worker);
    try {
      await waitFor(
        'every event to be sent again and reach its consumer as a duplicate',
        async () => {
          if ((await progress(restored)).sent !== before.events) return false;
          const outcomes = await Promise.all(
            before.ids.map(async (id) => {
              for (const q of queues) {
                const job = await q.getJob(id);
                if (job) return job.returnvalue;
              }
              return undefined;
            }),
          );
          return outcomes.every((o) => o === 'duplicate');
        },
        120_000,
        250,
      );
    } finally {
      await worker.stop();
      for (const q of queues) await q.close();
      connection.disconnect();
    }
    expect(await effects(restored)).toEqual(expected);
    expect(stderr.join('')).not.toMatch(/moved to the failed set/);
  });
});
