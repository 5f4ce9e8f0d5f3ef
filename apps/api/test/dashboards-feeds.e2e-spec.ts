import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { createScratchDatabase, DEMO_TEST_TODAY, seedDemoData, type ScratchDatabase } from '@cairn/testing';

import { bootApi } from './support/boot-api';
import { DashboardStore } from './support/dashboard-store';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

/**
 * Issue 16 item 10 (b16-runtime, ADR 0017): the inbound feed API. An admin registers the `portal` feed (the
 * Engagement tiles' source until the portal exists) and gets its credential once; the feed posts pre-aggregated
 * values (validated, idempotent by the sender's id); when it goes silent past its declared interval the tiles show
 * the last value, stale since then, feed unavailable.
 *
 * Since the portal became the Engagement tiles' source (`portal.engagement`, issue 19), no platform metric reads an
 * inbound feed. This suite models a deployment whose engagement figures come from an outside system: in a scratch
 * database of its own, the two Engagement definitions are put back on `feed:portal` (platform data, written here as
 * the owner, as a migration would).
 */
let scratch: ScratchDatabase;
let app: INestApplication;
let demo: DemoFixture;
let store: DashboardStore;
let org: string;
let today: string;
let credential: string;
const INTERVAL = 3;
const sessions: Record<string, StaffSession> = {};
const EMAILS = {
  admin: 'admin@sonoran.cairn.test',
  manager: 'manager@sonoran.cairn.test',
  frontdesk: 'frontdesk@sonoran.cairn.test',
  cascadeAdmin: 'admin@cascade.cairn.test',
} as const;

const post = (body: unknown, token: string | null = credential, feedKey = 'portal') => {
  const t = request(app.getHttpServer())
    .post(`/api/v1/dashboards/feeds/${feedKey}/signals`)
    .send(body as object);
  return token ? t.set('Authorization', `Bearer ${token}`) : t;
};
/** The manager's tile (all sites: the feed's values are organization-wide, not per site). */
const tile = async (key: string) => {
  const me = await as(app, sessions['manager']!, org).get('/api/v1/dashboards/me');
  expect(me.status).toBe(200);
  return (me.body.tiles as any[]).find((t) => t.metricKey === key);
};

beforeAll(async () => {
  scratch = await createScratchDatabase({ prefix: 'cairn_dash_feeds', migrate: true });
  await seedDemoData({ ownerUrl: scratch.ownerUrl, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });
  demo = new DemoFixture(scratch.ownerUrl);
  store = new DashboardStore(demo.owner);
  await demo.owner.query(
    `UPDATE ds_metric_definitions SET calculation_source = 'feed:portal'
     WHERE metric_key IN ('engagement.portal-adoption', 'engagement.portal-activity')`,
  );
  app = await bootApi({
    DATABASE_URL: scratch.appUrl,
    DATABASE_OWNER_URL: scratch.ownerUrl,
    QUEUE_PREFIX: `cairn-test-${scratch.database}`,
  });
  org = await demo.orgId('sonoran');
  today = await store.today(org);
  for (const [who, email] of Object.entries(EMAILS)) sessions[who] = await login(app, email);
  await demo.owner.query(`DELETE FROM ds_feed_submissions WHERE organization_id = $1`, [org]);
  await demo.owner.query(`DELETE FROM ds_inbound_feeds WHERE organization_id = $1`, [org]);
  await store.clear(org);
}, 240_000);
afterAll(async () => {
  await app?.close();
  await demo?.close();
  await scratch?.drop();
});

describe('registering a feed', () => {
  it('before any feed, the Engagement tiles say the feed is not connected', async () => {
    expect((await tile('engagement.portal-adoption')).feed).toEqual({ source: 'feed:portal', state: 'not-connected', available: false });
  });

  it('gives the admin a credential once, stores only its hash, and lists the feed without it', async () => {
    const res = await as(app, sessions['admin']!, org)
      .post('/api/v1/dashboards/feeds')
      .send({ feedKey: 'portal', domain: 'Engagement', updateModel: 'near-real-time', expectedIntervalSeconds: INTERVAL });
    expect(res.status).toBe(201);
    credential = res.body.credential;
    expect(credential).toMatch(/^cfd_[A-Za-z0-9_-]{43}$/);
    expect(res.body.feed).toMatchObject({
      feedKey: 'portal',
      source: 'feed:portal',
      state: 'never-posted',
      signals: ['engagement.portal-activity', 'engagement.portal-adoption'],
    });
    const { rows } = await demo.owner.query(
      `SELECT credential_hash FROM ds_inbound_feeds WHERE organization_id = $1 AND feed_key = 'portal'`,
      [org],
    );
    expect(rows).toEqual([{ credential_hash: createHash('sha256').update(credential).digest('hex') }]);
    const list = await as(app, sessions['admin']!, org).get('/api/v1/dashboards/feeds');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(credential.slice(4));
    expect(list.body).toEqual([expect.objectContaining({ feedKey: 'portal', state: 'never-posted' })]);
  });

  it('refuses a taken key (409), bad fields (400 naming them) and a role without dashboards.metrics.manage (403)', async () => {
    expectProblem(
      await as(app, sessions['admin']!, org)
        .post('/api/v1/dashboards/feeds')
        .send({ feedKey: 'portal', domain: 'Engagement', updateModel: 'near-real-time', expectedIntervalSeconds: 60 }),
      409,
    );
    const bad = await as(app, sessions['admin']!, org)
      .post('/api/v1/dashboards/feeds')
      .send({ feedKey: 'Bad Key', domain: 'Marketing', updateModel: 'hourly', expectedIntervalSeconds: 0 });
    expectProblem(bad, 400);
    expect(JSON.stringify(bad.body)).toMatch(/feedKey.*domain.*updateModel.*expectedIntervalSeconds|expectedIntervalSeconds/s);
    expectProblem(
      await as(app, sessions['frontdesk']!, org)
        .post('/api/v1/dashboards/feeds')
        .send({ feedKey: 'phones', domain: 'Operational', updateModel: 'batch', expectedIntervalSeconds: 60 }),
      403,
    );
  });
});

describe('posting signals', () => {
  const values = [
    { metricKey: 'engagement.portal-adoption', day: '', value: 0.42 },
    { metricKey: 'engagement.portal-activity', day: '', value: 17 },
  ];
  beforeAll(() => values.forEach((v) => (v.day = today)));

  it('refuses a post without the credential, with a wrong one, or for another feed key (401)', async () => {
    expectProblem(await post({ senderId: 'x-1', values }, null), 401);
    expectProblem(await post({ senderId: 'x-1', values }, `cfd_${'A'.repeat(43)}`), 401);
    expectProblem(await post({ senderId: 'x-1', values }, credential, 'phones'), 401);
  });

  it('refuses a signal the feed does not supply, a bad day or value, naming the field, and stores nothing', async () => {
    const res = await post({
      senderId: 'bad-1',
      values: [
        { metricKey: 'appointments.no-show', day: today, value: 3 },
        { metricKey: 'engagement.portal-activity', day: '2026-02-30', value: 1 },
      ],
    });
    expectProblem(res, 400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['values[0].metricKey', 'values[1].day']));
    const { rows } = await demo.owner.query(
      `SELECT count(*)::int AS n FROM ds_metric_values WHERE organization_id = $1 AND source = 'feed:portal'`,
      [org],
    );
    expect(rows[0].n).toBe(0);
    expect((await tile('engagement.portal-activity')).value).toBeNull();
  });

  it('stores valid values, which the Engagement tiles show with a live feed; the same sender id again is a duplicate', async () => {
    const res = await post({ senderId: 'portal-2026-12-05T10:00', values });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ feedKey: 'portal', outcome: 'accepted', values: 2 });
    const adoption = await tile('engagement.portal-adoption');
    expect(adoption).toMatchObject({ value: 0.42, feed: { source: 'feed:portal', state: 'ok', available: true }, stale: null });
    const again = await post({
      senderId: 'portal-2026-12-05T10:00',
      values: [{ metricKey: 'engagement.portal-activity', day: today, value: 999 }],
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'duplicate', values: 0 });
    expect((await tile('engagement.portal-activity')).value).toBe(17);
  });

  it("another organization's admin never sees this organization's feed", async () => {
    const cascade = await demo.orgId('cascade');
    const list = await as(app, sessions['cascadeAdmin']!, cascade).get('/api/v1/dashboards/feeds');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([]);
  });
});

describe('a feed that goes silent past its declared interval (§13.6 item 4)', () => {
  it('keeps the last value, stale since the interval passed, the feed unavailable; the feed list says silent', async () => {
    const { rows } = await demo.owner.query(
      `SELECT last_success_at FROM ds_source_status WHERE organization_id = $1 AND source = 'feed:portal'`,
      [org],
    );
    const last = rows[0].last_success_at as Date;
    await new Promise((r) => setTimeout(r, INTERVAL * 1000 + 1000));
    const adoption = await tile('engagement.portal-adoption');
    expect(adoption.value).toBe(0.42);
    expect(adoption.feed).toEqual({ source: 'feed:portal', state: 'silent', available: false });
    expect(adoption.stale).toEqual({
      since: new Date(last.getTime() + INTERVAL * 1000).toISOString(),
      reason: `source silent: no update since ${last.toISOString()} (expected every ${INTERVAL} s)`,
    });
    const list = await as(app, sessions['admin']!, org).get('/api/v1/dashboards/feeds');
    expect(list.body).toEqual([expect.objectContaining({ feedKey: 'portal', state: 'silent', lastPostAt: last.toISOString() })]);
  });
});
