import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';

import { startWorkerProcess, type WorkerProcess } from '@cairn/platform/messaging/testing';
import { createScratchDatabase, DEMO_TEST_TODAY, seedDemoData, SseClient, type ScratchDatabase } from '@cairn/testing';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

/**
 * Issue 16 items 3 and 4 (b16-runtime, ADR 0017): the update models running for real. The API (in this process,
 * listening on a port) and the REAL worker process (apps/worker/src/main.ts) share a database and queue prefix of
 * this file's own (a scratch database with the demo data: the faults below, a revoked function and a stopped worker,
 * and the events other files publish, must not reach the suites running beside it); the worker's relay, its dashboards-metrics consumer and its near-real-time scheduler (every 2 s here) fill
 * the value store; the API's SSE stream pushes the changes. The faults are real: a revoked source function, a
 * stopped worker.
 */
let app: INestApplication;
let base: string;
let worker: WorkerProcess | undefined;
const workerStderr: string[] = [];
let scratch: ScratchDatabase;
let demo: DemoFixture;
let owner: Pool;
const streams: SseClient[] = [];
let org: string;
let tucson: string;
const sessions: Record<string, StaffSession> = {};
const ids: Record<string, string> = {};
const EMAILS = {
  frontdesk: 'frontdesk@sonoran.cairn.test',
  clinician: 'clinician@sonoran.cairn.test',
  clinician2: 'clinician.tucson@sonoran.cairn.test',
  hr: 'hr@sonoran.cairn.test',
  manager: 'manager@sonoran.cairn.test',
  cascadeAdmin: 'admin@cascade.cairn.test',
} as const;
type Who = keyof typeof EMAILS;

const NEAR_REAL_TIME_SECONDS = 2;

async function open(who: Who, headers: Record<string, string> = {}): Promise<SseClient> {
  const s = await SseClient.open(`${base}/api/v1/dashboards/stream`, { authorization: `Bearer ${sessions[who]!.accessToken}`, ...headers });
  streams.push(s);
  return s;
}
/** A change an integration event caused (the near-real-time scheduler's ticks are announced too, as trigger 'near-real-time'). */
const changed = (metric: string) => (e: { event: string; data: string }) => {
  if (e.event !== 'metrics-changed') return false;
  const body = JSON.parse(e.data) as { metrics: string[]; trigger: string };
  return body.trigger === 'event' && body.metrics.includes(metric);
};
const sourceStatus = async (source: string) =>
  (
    await owner.query<{ status: string; last_success_at: Date | null; last_error: string | null }>(
      'SELECT status, last_success_at, last_error FROM ds_source_status WHERE organization_id = $1 AND source = $2',
      [org, source],
    )
  ).rows[0];

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; worker stderr: ${workerStderr.join('').slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Books an appointment of clinician2 at Tucson starting `hoursFromNow` hours from now, through the API. */
async function book(hoursFromNow: number): Promise<string> {
  const patientId = await demo.patientAtSite(tucson);
  const at = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const res = await as(app, sessions['frontdesk']!, org)
    .post('/api/v1/pm/appointments')
    .send({
      siteId: tucson,
      providerId: ids['clinician2'],
      patientId,
      serviceType: 'psychotherapy-45',
      startAt: at(hoursFromNow),
      endAt: at(hoursFromNow + 0.75),
    });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  scratch = await createScratchDatabase({ prefix: 'cairn_dash_rt', migrate: true });
  await seedDemoData({ ownerUrl: scratch.ownerUrl, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });
  demo = new DemoFixture(scratch.ownerUrl);
  owner = new Pool({ connectionString: scratch.ownerUrl, max: 2 });
  const queuePrefix = `cairn-test-${scratch.database}`;
  app = await bootApi({
    DASHBOARDS_STREAM_HEARTBEAT_SECONDS: '1',
    DATABASE_URL: scratch.appUrl,
    DATABASE_OWNER_URL: scratch.ownerUrl,
    QUEUE_PREFIX: queuePrefix,
  });
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  org = await demo.orgId('sonoran');
  tucson = (await demo.sites('sonoran')).find((s) => s.code === 'TUC')!.id;
  for (const [who, email] of Object.entries(EMAILS)) {
    sessions[who] = await login(app, email);
    ids[who] = await demo.userId(email);
  }
  await owner.query('DELETE FROM ds_source_status WHERE organization_id = $1', [org]);
  worker = await startWorkerProcess(scratch.appUrl, queuePrefix, (c) => workerStderr.push(c), {
    DASHBOARDS_NEAR_REAL_TIME_SECONDS: String(NEAR_REAL_TIME_SECONDS),
    DASHBOARDS_BATCH_CRON: 'off',
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
  });
  // The worker is up once its near-real-time scheduler has recomputed a source of this organization.
  await waitFor('the near-real-time scheduler', async () => (await sourceStatus('pm.appointments'))?.status === 'ok', 60_000);
}, 240_000);

afterAll(async () => {
  for (const s of streams) await s.close();
  await worker?.stop();
  await owner.query(`GRANT EXECUTE ON FUNCTION pm_appointment_signals(uuid, date, date) TO cairn_app`);
  await app.close();
  await owner.end();
  await demo.close();
  await scratch.drop();
}, 60_000);

describe('GET /api/v1/dashboards/stream: authentication', () => {
  it('refuses a stream without a bearer token or ticket (401 problem+json)', async () => {
    const s = await SseClient.open(`${base}/api/v1/dashboards/stream`);
    expect(s.status).toBe(401);
  });

  it('opens with a single-use ticket from an authenticated POST (EventSource cannot send headers); a used or made-up ticket is 401', async () => {
    const res = await as(app, sessions['frontdesk']!, org).post('/api/v1/dashboards/stream/tickets');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresInSeconds: 60, url: expect.any(String) });
    const first = await SseClient.open(`${base}${res.body.url as string}`);
    streams.push(first);
    expect(first.status).toBe(200);
    const ready = await first.next((e) => e.event === 'ready');
    expect(JSON.parse(ready.data)).toMatchObject({ organizationId: org });
    const again = await SseClient.open(`${base}${res.body.url as string}`);
    expect(again.status).toBe(401);
    const madeUp = await SseClient.open(`${base}/api/v1/dashboards/stream?ticket=${'A'.repeat(43)}`);
    expect(madeUp.status).toBe(401);
  });

  it('refuses a ticket without a bearer token, and a malformed Last-Event-ID (400 naming the field)', async () => {
    expectProblem(await (await import('supertest')).default(app.getHttpServer()).post('/api/v1/dashboards/stream/tickets'), 401);
    const bad = await as(app, sessions['frontdesk']!, org).get('/api/v1/dashboards/stream').set('Last-Event-ID', 'drop table');
    expectProblem(bad, 400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'lastEventId' })]);
  });

  it('sends heartbeats', async () => {
    const s = await open('manager');
    await waitFor('two heartbeats', async () => s.heartbeats >= 2, 10_000);
  });
});

describe('real-time update model: an appointment status change reaches the browsers that may see it (§13.6)', () => {
  let frontdesk: SseClient;
  let clinician: SseClient;
  let clinician2: SseClient;
  let hr: SseClient;
  let cascade: SseClient;
  let appointmentId: string;
  let changeAt: number;

  beforeAll(async () => {
    appointmentId = await book(0.1);
    [frontdesk, clinician, clinician2, hr, cascade] = await Promise.all([
      open('frontdesk'),
      open('clinician'),
      open('clinician2'),
      open('hr'),
      open('cascadeAdmin'),
    ]);
    for (const s of [frontdesk, clinician, clinician2, hr, cascade]) await s.next((e) => e.event === 'ready');
    // Let the booking's own change pass, so the assertions below are about the status change.
    await new Promise((r) => setTimeout(r, 1500));
    changeAt = Date.now();
    const res = await as(app, sessions['frontdesk']!, org)
      .post(`/api/v1/pm/appointments/${appointmentId}/status`)
      .send({ status: 'cancelled', cancelledBy: 'patient' });
    expect(res.status).toBe(200);
  }, 60_000);

  it('pushes metrics-changed to the front desk with the cancellation metrics, the day and the source status, no values', async () => {
    const e = await frontdesk.next((x) => changed('appointments.cancelled')(x) && x.receivedAt >= changeAt, 20_000);
    const body = JSON.parse(e.data);
    expect(e.id).toMatch(/^\d+-\d+$/);
    expect(body).toMatchObject({ trigger: 'event', feeds: { 'pm.appointments': 'ok' } });
    expect(body.metrics).toEqual(expect.arrayContaining(['appointments.cancelled', 'appointments.today']));
    expect(body.days.length).toBeGreaterThan(0);
    expect(e.data).not.toMatch(/"value"/);
    // The stored value it announces is there, with its computed_at, when the browser refetches.
    const me = await as(app, sessions['frontdesk']!, org).get('/api/v1/dashboards/me');
    expect(me.status).toBe(200);
    const tile = (me.body.tiles as any[]).find((t) => t.metricKey === 'appointments.cancelled');
    expect(tile).toMatchObject({ updateModel: 'real-time', feed: { state: 'ok', available: true }, stale: null });
    expect(tile.value).toBeGreaterThanOrEqual(1);
    expect(Date.parse(tile.freshness.computedAt)).toBeGreaterThanOrEqual(changeAt - 1000);
    expect(tile.freshness.label).toBe('Live');
  });

  it('tells the provider the change concerns; another practitioner (own figures only) hears nothing of it', async () => {
    await clinician2.next((x) => changed('appointments.cancelled')(x) && x.receivedAt >= changeAt, 20_000);
    await frontdesk.next((x) => changed('appointments.cancelled')(x) && x.receivedAt >= changeAt, 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(clinician.events.filter((x) => x.receivedAt >= changeAt && changed('appointments.cancelled')(x))).toEqual([]);
  });

  it("gives a role only the metrics it may see (hr: utilisation, never cancellations); another organization's user hears nothing", async () => {
    const e = await hr.next(
      (x) => x.event === 'metrics-changed' && x.receivedAt >= changeAt && JSON.parse(x.data).trigger === 'event',
      20_000,
    );
    const metrics = JSON.parse(e.data).metrics as string[];
    expect(metrics).toContain('appointments.utilisation');
    expect(metrics).not.toContain('appointments.cancelled');
    const hrReady = JSON.parse(hr.events.find((x) => x.event === 'ready')!.data).metrics as string[];
    for (const m of metrics) expect(hrReady).toContain(m);
    expect(cascade.events.filter((x) => x.event === 'metrics-changed' && JSON.parse(x.data).trigger === 'event')).toEqual([]);
  });

  it('replays what a reconnecting stream missed after its Last-Event-ID', async () => {
    const seen = await frontdesk.next((x) => changed('appointments.cancelled')(x) && x.receivedAt >= changeAt, 20_000);
    const before = frontdesk.events.filter((x) => x.event === 'metrics-changed' && x.id && x.id < seen.id!).pop();
    expect(before).toBeDefined();
    const again = await open('frontdesk', { 'last-event-id': before!.id! });
    const replayed = await again.next((x) => x.id === seen.id, 5000);
    expect(JSON.parse(replayed.data)).toEqual(JSON.parse(seen.data));
  });
});

describe('graceful degradation with real faults (§13.6 item 4)', () => {
  it('a consumer whose recompute throws (the source function revoked) leaves the last known value, stale since the failure, feed unavailable', async () => {
    const id = await book(0.1);
    const before = await as(app, sessions['frontdesk']!, org).get('/api/v1/dashboards/me');
    const lastKnown = (before.body.tiles as any[]).find((t) => t.metricKey === 'appointments.cancelled').value;
    await owner.query(`REVOKE EXECUTE ON FUNCTION pm_appointment_signals(uuid, date, date) FROM cairn_app`);
    try {
      const at = Date.now();
      const res = await as(app, sessions['frontdesk']!, org)
        .post(`/api/v1/pm/appointments/${id}/status`)
        .send({ status: 'cancelled', cancelledBy: 'clinic' });
      expect(res.status).toBe(200);
      const status = await waitFor('the source to fail', async () => {
        const s = await sourceStatus('pm.appointments');
        return s?.status === 'failing' ? s : undefined;
      });
      expect(status.last_error).toMatch(/permission denied/i);
      const me = await as(app, sessions['frontdesk']!, org).get('/api/v1/dashboards/me');
      expect(me.status).toBe(200);
      const tile = (me.body.tiles as any[]).find((t) => t.metricKey === 'appointments.cancelled');
      expect(tile.value).toBe(lastKnown); // the new cancellation is not counted: the last known value
      expect(tile.feed).toEqual({ source: 'pm.appointments', state: 'failing', available: false });
      expect(tile.stale).toEqual({ since: expect.any(String), reason: expect.stringMatching(/source failing: .*permission denied/i) });
      expect(Date.parse(tile.stale.since)).toBeGreaterThanOrEqual(at - 1000);
      expect(tile.freshness.label).not.toBe('Live');
      // Other sources still render as they were.
      expect(me.body.tiles.length).toBeGreaterThan(1);
    } finally {
      await owner.query(`GRANT EXECUTE ON FUNCTION pm_appointment_signals(uuid, date, date) TO cairn_app`);
    }
    // The near-real-time scheduler retries a failing source: it recovers without another event, counting the cancellation.
    await waitFor('the source to recover', async () => (await sourceStatus('pm.appointments'))?.status === 'ok', 30_000);
    const after = await as(app, sessions['frontdesk']!, org).get('/api/v1/dashboards/me');
    const tile = (after.body.tiles as any[]).find((t) => t.metricKey === 'appointments.cancelled');
    expect(tile.value).toBe(lastKnown + 1);
    expect(tile.stale).toBeNull();
  }, 90_000);

  it('a stopped worker: near-real-time values stay, marked stale since their last update once the expected interval passed', async () => {
    await worker!.stop();
    const last = (await sourceStatus('pm.appointments'))!.last_success_at!;
    // Its expected interval is three ticks of the scheduler.
    await new Promise((r) => setTimeout(r, 3 * NEAR_REAL_TIME_SECONDS * 1000 + 1500));
    const me = await as(app, sessions['frontdesk']!, org).get('/api/v1/dashboards/me');
    expect(me.status).toBe(200);
    const tile = (me.body.tiles as any[]).find((t) => t.metricKey === 'appointments.utilisation');
    expect(tile).toBeDefined();
    expect(tile.feed).toEqual({ source: 'pm.appointments', state: 'silent', available: false });
    // Silent since its last success plus the expected interval (three 2 s ticks); the reason names the last success.
    expect(tile.stale).toEqual({
      since: new Date(last.getTime() + 3 * NEAR_REAL_TIME_SECONDS * 1000).toISOString(),
      reason: `source silent: no update since ${last.toISOString()} (expected every ${3 * NEAR_REAL_TIME_SECONDS} s)`,
    });
    expect(tile.value).not.toBeUndefined();
    expect(tile.freshness.label).toMatch(/^Updated /);
  }, 30_000);
});
