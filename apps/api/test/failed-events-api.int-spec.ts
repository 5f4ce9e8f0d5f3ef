import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import type { PrismaClient } from '@cairn/platform/db';
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
} from '@cairn/platform/messaging/testing';
import { freePort } from '@cairn/testing';

import { bootApi } from './support/boot-api';
import { as, expectProblem, login } from './support/staff-api';

// Real services on a machine shared with other test runs: generous time limits; the waits inside have their own.
jest.setTimeout(120_000);

// Scenario (e): a consumer that throws lands in the failed set after its last attempt, and the retry
// endpoint (through the API, as an administrator) completes it. The worker is the real worker entry with
// the probe consumer, in a child process; the API is the real app. Both use a database of this test's own
// (with the demo data, for the logins): a relay takes every event of its database, so no other test's
// worker may share it.
const ROOT = join(__dirname, '..', '..', '..');
const prefix = uniqueQueuePrefix('failed-api');
let db: MessagingTestDb;
let prisma: PrismaClient;
const demo = {
  get owner() {
    return db.owner;
  },
  async orgId(slug: string): Promise<string> {
    return (await db.owner.query<{ id: string }>('SELECT id FROM pf_organizations WHERE slug = $1', [slug])).rows[0]!.id;
  },
  async auditEvents(where: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    return (await db.owner.query(`SELECT * FROM pf_audit_events WHERE ${where} ORDER BY occurred_at, seq`, params)).rows;
  },
};
let app: INestApplication;
let worker: ChildProcess;
let sonoran: string;
let failingId: string;

beforeAll(async () => {
  db = await createMessagingTestDb('api', { demoData: true });
  prisma = appPrisma(db.appUrl);
  app = await bootApi({ DATABASE_URL: db.appUrl, QUEUE_PREFIX: prefix });
  worker = spawn(process.execPath, ['-r', '@swc-node/register', PROBE_WORKER_ENTRY], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: db.appUrl,
      WORKER_PORT: String(await freePort()),
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      QUEUE_ATTEMPTS: '3',
      QUEUE_BACKOFF_MS: '50',
      OUTBOX_POLL_MS: '100',
    },
    stdio: 'ignore',
  });
  sonoran = await demo.orgId('sonoran');
  [failingId] = await publishProbeEvents(prisma, sonoran, 1, { fail: true });
}, 60_000);
afterAll(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGTERM');
    await exited;
  }
  await app?.close();
  await obliterateQueues(process.env['REDIS_URL']!, prefix);
  await prisma?.$disconnect();
  await db?.drop();
});

describe('GET /api/v1/admin/events/failed', () => {
  it("lists the event whose consumer threw on every attempt, for its organization's admin only, and audits it", async () => {
    const admin = await login(app, 'admin@sonoran.cairn.test');
    let item: Record<string, unknown> | undefined;
    await waitFor(
      'the event to land in the failed set',
      async () => {
        const res = await as(app, admin).get('/api/v1/admin/events/failed?pageSize=200');
        item = res.body.items?.find((i: { id: string }) => i.id === failingId);
        return item !== undefined;
      },
      60_000,
      300,
    );
    expect(item).toMatchObject({
      id: failingId,
      queue: 'charge-creation',
      eventType: 'peer_encounter_finalized.v1',
      attemptsMade: 3,
      failedReason: `probe consumer told to fail for event ${failingId}`,
      payload: { organization_id: sonoran, hcpcs_code: 'FAIL' },
    });
    expect(await effectCounts(demo.owner, [failingId])).toEqual({ rows: 0, distinct: 0 });

    const page = await as(app, admin).get('/api/v1/admin/events/failed?page=1&pageSize=1');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 1, total: expect.any(Number) });
    expect(page.body.items).toHaveLength(1);
    const audited = await demo.auditEvents(`action = 'events.failed.list' AND request_id = $1`, [page.headers['x-request-id']]);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ organization_id: sonoran, outcome: 'success', resource_type: 'integration_event' });

    const cascadeAdmin = await login(app, 'admin@cascade.cairn.test');
    const other = await as(app, cascadeAdmin).get('/api/v1/admin/events/failed?pageSize=200');
    expect(other.status).toBe(200);
    expect(other.body.items.map((i: { id: string }) => i.id)).not.toContain(failingId);
  });

  it('refuses a clinician and a supervisor with 403, and a bad page size with 400 naming it', async () => {
    for (const email of ['clinician@sonoran.cairn.test', 'supervisor@sonoran.cairn.test']) {
      const session = await login(app, email);
      expectProblem(await as(app, session).get('/api/v1/admin/events/failed'), 403);
      expectProblem(await as(app, session).post(`/api/v1/admin/events/failed/${failingId}/retry`), 403);
    }
    const admin = await login(app, 'admin@sonoran.cairn.test');
    const bad = await as(app, admin).get('/api/v1/admin/events/failed?pageSize=0');
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['pageSize']);
  });
});

describe('POST /api/v1/admin/events/failed/:id/retry', () => {
  it("answers 404 for an unknown id, a malformed id and another organization's event", async () => {
    const admin = await login(app, 'admin@sonoran.cairn.test');
    const unknown = randomUUID();
    expectProblem(await as(app, admin).post(`/api/v1/admin/events/failed/${unknown}/retry`), 404);
    expect(await demo.auditEvents(`action = 'events.failed.retry' AND resource_id = $1 AND outcome = 'not_found'`, [unknown])).toHaveLength(
      1,
    );
    expectProblem(await as(app, admin).post('/api/v1/admin/events/failed/not-an-id/retry'), 404);
    const cascadeAdmin = await login(app, 'admin@cascade.cairn.test');
    expectProblem(await as(app, cascadeAdmin).post(`/api/v1/admin/events/failed/${failingId}/retry`), 404);
  });

  it('sends the fixed event through again: one effect, gone from the failed set, a second retry is 409', async () => {
    const admin = await login(app, 'admin@sonoran.cairn.test');
    await waitFor(
      'the event to be in the failed set',
      async () => {
        const res = await as(app, admin).get('/api/v1/admin/events/failed?pageSize=200');
        return res.body.items?.some((i: { id: string }) => i.id === failingId) === true;
      },
      60_000,
      300,
    );
    // The cause is fixed (the probe consumer stops throwing for this event).
    await demo.owner.query('INSERT INTO test_probe_heals (organization_id, event_id) VALUES ($1, $2)', [sonoran, failingId]);

    const res = await as(app, admin).post(`/api/v1/admin/events/failed/${failingId}/retry`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: failingId, queues: ['charge-creation'], state: 'waiting' });
    const audited = await demo.auditEvents(`action = 'events.failed.retry' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ outcome: 'success', resource_id: failingId, organization_id: sonoran });

    await waitFor('the retried event to be applied', async () => (await effectCounts(demo.owner, [failingId])).rows === 1, 30_000, 100);
    const list = await as(app, admin).get('/api/v1/admin/events/failed?pageSize=200');
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(failingId);

    await waitFor(
      'the job to complete',
      async () => {
        const r = await as(app, admin).post(`/api/v1/admin/events/failed/${failingId}/retry`);
        return r.status === 409 && /completed/.test(r.body.detail);
      },
      10_000,
      100,
    );
    const again = await as(app, admin).post(`/api/v1/admin/events/failed/${failingId}/retry`);
    expectProblem(again, 409);
    expect(again.body.detail).toMatch(/not in a failed set \(it is completed/);
    expect(await effectCounts(demo.owner, [failingId])).toEqual({ rows: 1, distinct: 1 });
  });
});

describe('the failed-events API while Redis is down', () => {
  it('answers 503 problem+json, not 500', async () => {
    const admin = await login(app, 'admin@sonoran.cairn.test'); // signing in needs Redis: use the healthy app
    const noRedis = await bootApi({ DATABASE_URL: db.appUrl, QUEUE_PREFIX: prefix, REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    try {
      const list = await as(noRedis, admin).get('/api/v1/admin/events/failed');
      expectProblem(list, 503);
      expect(list.body.detail).toMatch(/Redis\) is unavailable/);
      expectProblem(await as(noRedis, admin).post(`/api/v1/admin/events/failed/${randomUUID()}/retry`), 503);
    } finally {
      await noRedis.close();
    }
  }, 30_000);
});

describe('the OpenAPI document', () => {
  it('documents both routes with their permission, pagination and problem responses', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs-json');
    expect(res.status).toBe(200);
    const list = res.body.paths['/api/v1/admin/events/failed']?.get;
    const retry = res.body.paths['/api/v1/admin/events/failed/{id}/retry']?.post;
    expect(list).toMatchObject({ 'x-permission': 'platform.events.manage' });
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['page', 'pageSize']));
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '503']));
    expect(retry).toMatchObject({ 'x-permission': 'platform.events.manage' });
    expect(Object.keys(retry.responses)).toEqual(expect.arrayContaining(['202', '401', '403', '404', '409', '503']));
  });
});
