import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import Redis from 'ioredis';

import {
  createMessagingTestDb,
  obliterateQueues,
  spawnEntry,
  startWorkerProcess,
  uniqueQueuePrefix,
  waitFor,
  type MessagingTestDb,
  type WorkerProcess,
} from '@cairn/platform/messaging/testing';
import { clearLoginCounters, freePort, httpStatus, insertGroupSessionFixtures, SseClient, testRedisUrl } from '@cairn/testing';

import { DemoFixture } from './support/demo-fixture';

// Real services on a machine shared with other test runs: generous limits; every wait below has its own.
jest.setTimeout(240_000);

/**
 * Issue 22 item 4 (scale out): two REAL API processes (apps/api/src/main.ts) and two REAL worker processes
 * (apps/worker/src/main.ts), separate OS processes on one PostgreSQL database and one Redis, as a deployment with
 * a load balancer in front of several API replicas and several worker replicas runs them. Whatever a user does
 * on one API process holds on the other (sessions, their revocation, login throttling, the live streams), and
 * two workers taking the same events never charge an attendee twice nor miss one.
 *
 * The four processes use a Redis logical database of this file's own, so the failed logins counted here throttle
 * no other suite (and other suites' flushes of the login counters cannot reset ours).
 */
const PASSWORD = 'demo-password-1';
const REDIS_DB = 12;
const prefix = uniqueQueuePrefix('scale-out');
const jwtSecret = randomBytes(32).toString('hex');
let redisUrl: string;
let db: MessagingTestDb;
let demo: DemoFixture;
const apis: { name: string; base: string; child: ChildProcess }[] = [];
const workers: { port: number; process: WorkerProcess }[] = [];
const stderr: string[] = [];
const streams: SseClient[] = [];

const [A, B] = [0, 1];
const url = (api: number, path: string) => `${apis[api]!.base}/api/v1${path}`;

interface Call {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function call(api: number, method: string, path: string, opts: { token?: string; body?: unknown; org?: string } = {}): Promise<Call> {
  const headers: Record<string, string> = {};
  if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
  if (opts.org) headers['x-organization-id'] = opts.org;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url(api, path), { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function login(api: number, email: string, password = PASSWORD): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await call(api, 'POST', '/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login of ${email} on API ${api} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function startApi(name: string): Promise<void> {
  const port = await freePort();
  const child = spawnEntry(
    'apps/api/src/main.ts',
    {
      NODE_ENV: 'test',
      DATABASE_URL: db.appUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      API_PORT: String(port),
      JWT_SECRET: jwtSecret,
      LOG_LEVEL: 'error',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '4',
      LOGIN_MAX_FAILURES_PER_IP: '1000',
      DASHBOARDS_STREAM_HEARTBEAT_SECONDS: '1',
    },
    (d) => stderr.push(`[api ${name}] ${d}`),
  );
  apis.push({ name, base: `http://127.0.0.1:${port}`, child });
}

async function startWorker(): Promise<void> {
  const port = await freePort();
  const process = await startWorkerProcess(db.appUrl, prefix, (d) => stderr.push(`[worker ${port}] ${d}`), {
    REDIS_URL: redisUrl,
    WORKER_PORT: String(port),
    // One job at a time per worker, so the two workers share the queues' jobs between them.
    QUEUE_CONCURRENCY: '1',
    QUEUE_LOCK_MS: '5000',
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
    DASHBOARDS_NEAR_REAL_TIME_SECONDS: '0',
    DASHBOARDS_BATCH_CRON: 'off',
  });
  workers.push({ port, process });
}

const count = async (sql: string, params: unknown[] = []) => Number((await db.owner.query(sql, params)).rows[0].n);
const lastOutput = () => stderr.join('').slice(-3000);

beforeAll(async () => {
  const redis = new URL(testRedisUrl());
  redis.pathname = `/${REDIS_DB}`;
  redisUrl = redis.toString();
  db = await createMessagingTestDb('scale_out', { demoData: true });
  demo = new DemoFixture(db.ownerUrl);
  await startApi('A');
  await startApi('B');
  await startWorker();
  await startWorker();
  await waitFor(
    'both API processes and both worker processes to answer /health/ready',
    async () => {
      for (const p of [...apis.map((a) => a.child), ...workers.map((w) => w.process.child)]) {
        if (p.exitCode !== null) throw new Error(`a process exited with ${p.exitCode}: ${lastOutput()}`);
      }
      const statuses = await Promise.all([
        ...apis.map((a) => httpStatus(`${a.base}/health/ready`)),
        ...workers.map((w) => httpStatus(`http://127.0.0.1:${w.port}/health/ready`)),
      ]);
      return statuses.every((s) => s === 200);
    },
    180_000,
    500,
  );
}, 300_000);

afterAll(async () => {
  for (const s of streams) await s.close();
  await Promise.all(workers.map((w) => w.process.stop()));
  await Promise.all(
    apis.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }),
  );
  await obliterateQueues(redisUrl, prefix);
  await clearLoginCounters(redisUrl, prefix);
  await demo?.close();
  await db?.drop();
}, 120_000);

describe('two API processes share sessions', () => {
  it('a session started on A is used and refreshed on B, and the spent refresh token is refused on A', async () => {
    const session = await login(A, 'clinician@sonoran.cairn.test');
    expect((await call(B, 'GET', '/me', { token: session.accessToken })).status).toBe(200);

    const refreshed = await call(B, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(session.refreshToken);
    expect((await call(A, 'GET', '/me', { token: refreshed.body.accessToken })).status).toBe(200);

    // The token B rotated is spent on A too: presenting it again is reuse, which ends the whole session everywhere.
    expect((await call(A, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    expect((await call(B, 'GET', '/me', { token: refreshed.body.accessToken })).status).toBe(401);
    expect((await call(A, 'POST', '/auth/refresh', { body: { refreshToken: refreshed.body.refreshToken } })).status).toBe(401);
  });

  it('a logout on A is refused on B at once, though B had just served the session from its cache', async () => {
    const session = await login(A, 'supervisor@sonoran.cairn.test');
    // B loads the session's grants and caches them (PRINCIPAL_CACHE_TTL_MS, 5 s by default).
    expect((await call(B, 'GET', '/me', { token: session.accessToken })).status).toBe(200);
    expect((await call(B, 'GET', '/me', { token: session.accessToken })).status).toBe(200);

    expect((await call(A, 'POST', '/auth/logout', { token: session.accessToken })).status).toBe(204);

    expect((await call(B, 'GET', '/me', { token: session.accessToken })).status).toBe(401);
    expect((await call(A, 'GET', '/me', { token: session.accessToken })).status).toBe(401);
    expect((await call(B, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
  });

  it('a portal client signed in on A refreshes on B and is signed out on both by a logout on B', async () => {
    const signedIn = await call(A, 'POST', '/portal/auth/login', { body: { email: 'client@sonoran.cairn.test', password: PASSWORD } });
    expect(signedIn.status).toBe(200);
    const refreshed = await call(B, 'POST', '/portal/auth/refresh', { body: { refreshToken: signedIn.body.refreshToken } });
    expect(refreshed.status).toBe(200);
    const token = refreshed.body.accessToken as string;
    expect((await call(A, 'GET', '/portal/dashboard', { token })).status).toBe(200);
    expect((await call(B, 'POST', '/portal/auth/logout', { token })).status).toBe(204);
    expect((await call(A, 'GET', '/portal/dashboard', { token })).status).toBe(401);
    expect((await call(A, 'POST', '/portal/auth/refresh', { body: { refreshToken: refreshed.body.refreshToken } })).status).toBe(401);
  });
});

describe('two API processes share login throttling', () => {
  it('counts failed staff logins on A and B together: the limit (4) is reached across both, and refuses even the right password', async () => {
    const email = 'hr@sonoran.cairn.test';
    for (const api of [A, B, A, B]) {
      expect((await call(api, 'POST', '/auth/login', { body: { email, password: 'not-the-password' } })).status).toBe(401);
    }
    // Either process alone has seen 2 failures, under the limit; together they have seen 4.
    for (const api of [B, A]) {
      const refused = await call(api, 'POST', '/auth/login', { body: { email, password: PASSWORD } });
      expect(refused.status).toBe(429);
    }
  });

  it('counts failed portal logins on A and B together', async () => {
    const email = 'client2@sonoran.cairn.test';
    for (const api of [B, A, B, A]) {
      expect((await call(api, 'POST', '/portal/auth/login', { body: { email, password: 'not-the-password' } })).status).toBe(401);
    }
    expect((await call(B, 'POST', '/portal/auth/login', { body: { email, password: PASSWORD } })).status).toBe(429);
  });
});

describe('live streams reach a subscriber on the other API process', () => {
  it('a dashboard stream opened on B with a ticket issued by A hears a recompute made through A', async () => {
    const org = await demo.orgId('sonoran');
    const admin = await login(A, 'admin@sonoran.cairn.test');
    const manager = await login(A, 'manager@sonoran.cairn.test');
    const ticket = await call(A, 'POST', '/dashboards/stream/tickets', { token: manager.accessToken, org });
    expect(ticket.status).toBe(201);
    const stream = await SseClient.open(`${apis[B]!.base}${ticket.body.url as string}`);
    streams.push(stream);
    expect(stream.status).toBe(200);
    await stream.next((e) => e.event === 'ready', 30_000);

    const recompute = await call(A, 'POST', '/dashboards/recompute', {
      token: admin.accessToken,
      org,
      body: { sources: ['pm.appointments'], from: '2025-12-31', to: '2025-12-31' },
    });
    expect(recompute.status).toBe(200);
    const change = await stream.next((e) => e.event === 'metrics-changed', 30_000);
    expect(JSON.parse(change.data)).toMatchObject({ trigger: 'batch', days: ['2025-12-31'] });
  });

  it("a therapist's notification stream on B hears a mood entry their client logs through A", async () => {
    const therapist = await login(B, 'clinician@sonoran.cairn.test');
    const stream = await SseClient.open(`${url(B, '/therapist/portal-notifications/stream')}`, {
      authorization: `Bearer ${therapist.accessToken}`,
    });
    streams.push(stream);
    expect(stream.status).toBe(200);
    const client = await call(A, 'POST', '/portal/auth/login', { body: { email: 'client@sonoran.cairn.test', password: PASSWORD } });
    expect(client.status).toBe(200);
    const entry = await call(A, 'POST', '/portal/mood-entries', {
      token: client.body.accessToken,
      body: { score: 2, symptoms: ['INSOMNIA'] },
    });
    expect(entry.status).toBe(201);
    const heard = await stream.next(
      (e) => e.event === 'portal-notification' && (JSON.parse(e.data) as { recordId?: string }).recordId === entry.body.moodEntryId,
      30_000,
    );
    expect(JSON.parse(heard.data)).toMatchObject({ recordId: entry.body.moodEntryId, kind: 'mood_entry.low_score' });
  });
});

describe('two worker processes never double a charge', () => {
  const SESSIONS = 30;
  const ATTENDEES = 5;
  const TOTAL = SESSIONS * ATTENDEES;

  /** ATTENDEES patients with charts and SESSIONS draft sessions of one new group at Tucson, everyone present. */
  const fixtures = (org: string, site: string, facilitator: string): Promise<string[]> =>
    insertGroupSessionFixtures(db.owner, {
      organizationId: org,
      siteId: site,
      facilitatorId: facilitator,
      sessions: SESSIONS,
      attendees: ATTENDEES,
      label: 'Scale',
      firstDate: '2025-06-03',
    });

  /** The worker's count of charge-creation jobs by outcome, from its own /metrics. */
  async function chargeJobs(port: number): Promise<{ processed: number; duplicate: number }> {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const value = (outcome: string) =>
      Number(
        new RegExp(`^cairn_jobs_completed_total\\{[^}]*queue="charge-creation"[^}]*outcome="${outcome}"[^}]*\\} (\\d+)`, 'm').exec(
          text,
        )?.[1] ?? 0,
      ) ||
      Number(
        new RegExp(`^cairn_jobs_completed_total\\{[^}]*outcome="${outcome}"[^}]*queue="charge-creation"[^}]*\\} (\\d+)`, 'm').exec(
          text,
        )?.[1] ?? 0,
      );
    return { processed: value('processed'), duplicate: value('duplicate') };
  }

  it('documents and approves group sessions through A and B; the two workers make exactly one charge per approved attendee, redeliveries included', async () => {
    const org = await demo.orgId('sonoran');
    const site = (await demo.sites('sonoran')).find((s) => s.code === 'TUC')!.id;
    const supervisorId = await demo.userId('supervisor@sonoran.cairn.test');
    const sessionIds = await fixtures(org, site, supervisorId);
    const tokens = [
      (await login(A, 'supervisor@sonoran.cairn.test')).accessToken,
      (await login(B, 'supervisor@sonoran.cairn.test')).accessToken,
    ];

    // The facilitator signs the sessions, alternately through A and B; the workers generate the encounters.
    for (const [i, id] of sessionIds.entries()) {
      const signed = await call(i % 2, 'POST', `/group-sessions/${id}/document`, { token: tokens[i % 2], org });
      expect(signed.status).toBe(200);
    }
    const generations = () =>
      db.owner.query<{ id: string }>(
        `SELECT id FROM cl_group_encounter_generations WHERE organization_id = $1 AND group_session_id = ANY($2::uuid[])`,
        [org, sessionIds],
      );
    await waitFor('a generation per attendance', async () => (await generations()).rows.length >= TOTAL, 120_000, 250);
    const ids = (await generations()).rows.map((r) => r.id);
    expect(ids).toHaveLength(TOTAL);

    // A supervisor approves them in batches of 10, alternately through A and B.
    let approved = 0;
    for (let i = 0; i < ids.length; i += 10) {
      const api = (i / 10) % 2;
      const res = await call(api, 'POST', '/group-encounter-generations/approve', {
        token: tokens[api],
        org,
        body: { ids: ids.slice(i, i + 10) },
      });
      expect(res.status).toBe(200);
      approved += (res.body.results as { outcome: string }[]).filter((r) => r.outcome === 'approved').length;
    }
    expect(approved).toBe(TOTAL);
    const charges = () =>
      count(`SELECT count(*) AS n FROM pm_charges WHERE organization_id = $1 AND source_id = ANY($2::uuid[])`, [org, ids]);
    await waitFor('a charge per approved attendee', async () => (await charges()) >= TOTAL, 120_000, 250);

    // Every approval event delivered twice more at once (a redelivery, as after a lost acknowledgement): both
    // workers take copies of the same event at the same moment.
    const approvalEvents = await db.owner.query<{ id: string }>(
      `SELECT id FROM pf_outbox_events WHERE organization_id = $1 AND event_type = 'cl_group_encounters_approved.v1' AND payload->>'session_id' = ANY($2::text[])`,
      [org, sessionIds],
    );
    // One event per session an approve request touched (a batch of 10 may split a session's 5 between two requests).
    const EVENTS = approvalEvents.rows.length;
    expect(EVENTS).toBeGreaterThanOrEqual(SESSIONS);
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    const queue = new Queue('charge-creation', { connection, prefix });
    try {
      const originals = await Promise.all(approvalEvents.rows.map(async (r) => (await queue.getJob(r.id))!));
      expect(originals.every((j) => j && j.data)).toBe(true);
      await queue.addBulk(
        originals.flatMap((job) => [1, 2].map((n) => ({ name: job.name, data: job.data, opts: { jobId: `${job.id}-again-${n}` } }))),
      );
      await waitFor(
        'the redeliveries to be handled',
        async () => {
          const c = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
          return Object.values(c).every((n) => n === 0);
        },
        120_000,
        250,
      );
      expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
    } finally {
      await queue.close();
      connection.disconnect();
    }

    // Exactly one charge per approved attendee: none lost, none doubled.
    const rows = await db.owner.query<{ source_id: string; n: number }>(
      `SELECT source_id, count(*)::int AS n FROM pm_charges WHERE organization_id = $1 AND source_id = ANY($2::uuid[]) GROUP BY source_id`,
      [org, ids],
    );
    expect(rows.rows).toHaveLength(TOTAL);
    expect(rows.rows.every((r) => r.n === 1)).toBe(true);
    // (pm_charges_source_key forbids a second row per generation; an event applied twice would show as a second
    // processed-events row or a second audit row.)
    const eventIds = approvalEvents.rows.map((r) => r.id);
    expect(
      await count(`SELECT count(*) AS n FROM pf_processed_events WHERE consumer = 'pm.charge-creation' AND event_id = ANY($1::uuid[])`, [
        eventIds,
      ]),
    ).toBe(EVENTS);
    const ourCharges = (
      await db.owner.query<{ id: string }>(`SELECT id FROM pm_charges WHERE organization_id = $1 AND source_id = ANY($2::uuid[])`, [
        org,
        ids,
      ])
    ).rows.map((r) => r.id);
    const audit = await db.owner.query<{ scope: { chargeIds: string[] } }>(
      `SELECT scope FROM pf_audit_events WHERE organization_id = $1 AND action = 'charge.create' AND scope->'chargeIds' ?| $2::text[]`,
      [org, ourCharges],
    );
    expect(audit.rows).toHaveLength(EVENTS);
    const chargeIds = audit.rows.flatMap((r) => r.scope.chargeIds);
    expect(chargeIds).toHaveLength(TOTAL);
    expect(new Set(chargeIds).size).toBe(TOTAL);

    // Both workers really took part: each handled some of the events, and between them they recognised the
    // redeliveries (two per event) as already applied.
    const [first, second] = await Promise.all(workers.map((w) => chargeJobs(w.port)));
    expect(first!.processed + first!.duplicate).toBeGreaterThan(0);
    expect(second!.processed + second!.duplicate).toBeGreaterThan(0);
    expect(first!.duplicate + second!.duplicate).toBeGreaterThanOrEqual(2 * EVENTS);
  });
});
