import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';

import { createScratchDatabase, DEMO_TEST_TODAY, seedDemoData, type ScratchDatabase } from '@cairn/testing';

import { bootApi } from './support/boot-api';
import { DashboardStore } from './support/dashboard-store';
import { DemoFixture } from './support/demo-fixture';
import { asClient, onboardClient } from './support/portal-api';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

/**
 * Issue 19 item 7: the admins' portal oversight (`GET /api/v1/admin/portal/adoption`: adoption, daily and weekly
 * active clients, engagement by feature over a validated period; portal.admin only, every read audited), and the
 * same figures as the Engagement domain's performance-signal source (`portal.engagement`), so the dashboards'
 * Engagement tiles show real values. On a scratch database of its own: the figures are organization-wide, and other
 * suites onboard clients in parallel.
 */
let scratch: ScratchDatabase;
let app: INestApplication;
let demo: DemoFixture;
let owner: Pool;
let store: DashboardStore;
let org: string;
let today: string;
const sessions: Record<string, StaffSession> = {};
const EMAILS = {
  admin: 'admin@sonoran.cairn.test',
  manager: 'manager@sonoran.cairn.test',
  clinician: 'clinician@sonoran.cairn.test',
  frontdesk: 'frontdesk@sonoran.cairn.test',
} as const;
// The demo's portal activity of the two weeks before the demo's today (sign-ins, audio plays, seeded care records).
const FROM = '2025-12-19';
const TO = '2025-12-31';

const adoption = (query: string, who: keyof typeof EMAILS = 'admin') =>
  as(app, sessions[who]!).get(`/api/v1/admin/portal/adoption${query}`);
const daysBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** The figures recomputed from the raw tables, independently of po_engagement_signals. */
async function expected(from: string, to: string) {
  const events = `
    SELECT patient_id, created_at AS at, 'mood' AS feature FROM po_mood_entries WHERE organization_id = $1
    UNION ALL SELECT patient_id, created_at, 'journal' FROM po_journal_entries WHERE organization_id = $1
    UNION ALL SELECT patient_id, created_at, 'check-ins' FROM po_prompt_responses WHERE organization_id = $1
    UNION ALL SELECT patient_id, completed_at, 'homework' FROM po_homework WHERE organization_id = $1 AND completed_at IS NOT NULL
    UNION ALL SELECT patient_id, created_at, 'goals' FROM po_goal_progress WHERE organization_id = $1 AND author_kind = 'client'
    UNION ALL SELECT patient_id, opened_at, 'crisis-toolkit' FROM po_crisis_toolkit_opens WHERE organization_id = $1
    UNION ALL SELECT patient_id, played_at, 'audio' FROM po_audio_message_plays WHERE organization_id = $1
    UNION ALL SELECT patient_id, issued_at, 'sign-in' FROM po_refresh_tokens WHERE organization_id = $1`;
  const zone = `(SELECT timezone FROM pf_organizations WHERE id = $1)`;
  const { rows: daily } = await owner.query<{ day: string; clients: number }>(
    `SELECT to_char((e.at AT TIME ZONE ${zone})::date, 'YYYY-MM-DD') AS day, count(DISTINCT e.patient_id)::int AS clients
     FROM (${events}) e WHERE (e.at AT TIME ZONE ${zone})::date BETWEEN $2::date AND $3::date GROUP BY 1 ORDER BY 1`,
    [org, from, to],
  );
  const { rows: features } = await owner.query<{ feature: string; n: number }>(
    `SELECT e.feature, count(*)::int AS n FROM (${events}) e
     WHERE e.feature <> 'sign-in' AND (e.at AT TIME ZONE ${zone})::date BETWEEN $2::date AND $3::date GROUP BY 1`,
    [org, from, to],
  );
  const { rows: weekly } = await owner.query<{ n: number }>(
    `SELECT count(DISTINCT e.patient_id)::int AS n FROM (${events}) e
     WHERE (e.at AT TIME ZONE ${zone})::date BETWEEN $2::date - 6 AND $2::date AND e.at <= now()`,
    [org, to],
  );
  const { rows: accounts } = await owner.query<{ accounts: number; patients: number }>(
    `SELECT (SELECT count(*)::int FROM po_accounts a JOIN cl_patients p ON p.organization_id = a.organization_id AND p.id = a.patient_id
             WHERE a.organization_id = $1 AND a.status = 'active' AND p.status = 'active'
               AND a.activated_at < LEAST(($2::date + 1)::timestamp AT TIME ZONE ${zone}, now())) AS accounts,
            (SELECT count(*)::int FROM cl_patients WHERE organization_id = $1 AND status = 'active') AS patients`,
    [org, to],
  );
  return { daily, features: Object.fromEntries(features.map((f) => [f.feature, f.n])), weekly: weekly[0]!.n, ...accounts[0]! };
}

beforeAll(async () => {
  scratch = await createScratchDatabase({ prefix: 'cairn_portal_admin', migrate: true });
  await seedDemoData({ ownerUrl: scratch.ownerUrl, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });
  demo = new DemoFixture(scratch.ownerUrl);
  owner = new Pool({ connectionString: scratch.ownerUrl, max: 2 });
  store = new DashboardStore(owner);
  app = await bootApi({
    DATABASE_URL: scratch.appUrl,
    DATABASE_OWNER_URL: scratch.ownerUrl,
    QUEUE_PREFIX: `cairn-test-${scratch.database}`,
  });
  org = await demo.orgId('sonoran');
  today = await store.today(org);
  for (const [who, email] of Object.entries(EMAILS)) sessions[who] = await login(app, email);
}, 240_000);
afterAll(async () => {
  await app?.close();
  await owner?.end();
  await demo?.close();
  await scratch?.drop();
});

describe('GET /api/v1/admin/portal/adoption: who may ask, and what', () => {
  it('is portal.admin only: 401 without a token, 403 (audited) for a clinician and a practice manager', async () => {
    expectProblem(await request(app.getHttpServer()).get(`/api/v1/admin/portal/adoption?from=${FROM}&to=${TO}`), 401);
    for (const who of ['clinician', 'manager', 'frontdesk'] as const) {
      const res = await adoption(`?from=${FROM}&to=${TO}`, who);
      expectProblem(res, 403);
      const denied = await demo.auditEvents(`action = 'access.denied' AND request_id = $1`, [res.headers['x-request-id']]);
      expect({ who, denied: denied.length }).toEqual({ who, denied: 1 });
    }
    expect(await demo.auditEvents(`action = 'portal.adoption.view'`, [])).toEqual([]);
  });

  it.each([
    ['', 'from'],
    [`?from=${FROM}`, 'to'],
    [`?to=${TO}`, 'from'],
    ['?from=2025-02-30&to=2025-03-01', 'from'],
    ['?from=2025-12-01&to=yesterday', 'to'],
    ['?from=2025-12-31&to=2025-12-01', 'to'],
    ['?from=2024-01-01&to=2025-12-31', 'to'],
  ])('refuses the period %s with 400 naming %s', async (query, field) => {
    const res = await adoption(query);
    expectProblem(res, 400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});

describe('the figures', () => {
  it('over the demo fortnight: adoption, daily and weekly active clients, engagement by feature, as the raw tables say; audited', async () => {
    const res = await adoption(`?from=${FROM}&to=${TO}`);
    expect(res.status).toBe(200);
    const want = await expected(FROM, TO);
    expect(res.body.adoption).toEqual({
      accounts: want.accounts,
      activePatients: want.patients,
      rate: Math.round((want.accounts / want.patients) * 10_000) / 10_000,
    });
    expect(res.body.dailyActiveClients).toHaveLength(13);
    expect(res.body.dailyActiveClients.filter((d: { clients: number }) => d.clients > 0)).toEqual(want.daily);
    expect(want.daily.length).toBeGreaterThan(5);
    expect(res.body.weeklyActiveClients).toBe(want.weekly);
    expect(res.body.weeklyActiveClients).toBeGreaterThan(0);
    const byFeature = Object.fromEntries(
      (res.body.engagementByFeature as { feature: string; actions: number }[]).map((f) => [f.feature, f.actions]),
    );
    expect(Object.keys(byFeature)).toEqual(['mood', 'journal', 'check-ins', 'homework', 'goals', 'crisis-toolkit', 'audio']);
    for (const [feature, n] of Object.entries(byFeature)) expect({ feature, n }).toEqual({ feature, n: want.features[feature] ?? 0 });
    // The demo's audio messages were played in the last days of the fortnight.
    expect(byFeature['audio']).toBeGreaterThan(0);
    expect(res.body.totalActions).toBe(Object.values(byFeature).reduce((a, b) => a + b, 0));
    const audit = await demo.auditEvents(`action = 'portal.adoption.view' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(audit).toEqual([
      expect.objectContaining({ outcome: 'success', scope: expect.objectContaining({ from: FROM, to: TO, days: 13 }) }),
    ]);
  });

  it("counts only the organization's own clients: Cascade's admin sees Cascade's figures", async () => {
    const cascadeAdmin = await login(app, 'admin@cascade.cairn.test');
    const sonoran = (await adoption(`?from=${today}&to=${today}`)).body;
    const cascade = (await as(app, cascadeAdmin).get(`/api/v1/admin/portal/adoption?from=${today}&to=${today}`)).body;
    const { rows } = await owner.query<{ org: string; n: number }>(
      `SELECT o.slug AS org, count(*)::int AS n FROM po_accounts a JOIN pf_organizations o ON o.id = a.organization_id
       WHERE a.status = 'active' GROUP BY 1`,
    );
    const accounts = Object.fromEntries(rows.map((r) => [r.org, r.n]));
    expect(sonoran.adoption.accounts).toBe(accounts['sonoran']);
    expect(cascade.adoption.accounts).toBe(accounts['cascade']);
    expect(sonoran.adoption.accounts).toBeGreaterThan(0);
    expect(cascade.adoption.accounts).toBeGreaterThan(0);
    expect(sonoran.adoption.activePatients).not.toBe(0);
  });

  it("a client's sign-in and use today move today's figures at once", async () => {
    const before = (await adoption(`?from=${today}&to=${today}`)).body;
    const [patient] = await demo.activePatients('sonoran', 1, { withoutPortalAccount: true });
    const client = await onboardClient(app, sessions['admin']!, patient!);
    expect((await asClient(app, client.session).post('/api/v1/portal/crisis-toolkit/opens')).status).toBe(201);
    const after = (await adoption(`?from=${today}&to=${today}`)).body;
    expect(after.adoption.accounts).toBe(before.adoption.accounts + 1);
    expect(after.dailyActiveClients).toEqual([{ day: today, clients: before.dailyActiveClients[0].clients + 1 }]);
    expect(after.weeklyActiveClients).toBe(before.weeklyActiveClients + 1);
    const crisis = (v: any) => v.engagementByFeature.find((f: { feature: string }) => f.feature === 'crisis-toolkit').actions;
    expect(crisis(after)).toBe(crisis(before) + 1);
  });
});

describe("the high-risk list (GET /api/v1/admin/portal/crisis-alerts, the crisis toolkit's route)", () => {
  it('answers portal admins (audited with what it listed) and refuses everyone else with 403 (audited)', async () => {
    const res = await as(app, sessions['admin']!).get('/api/v1/admin/portal/crisis-alerts?pageSize=100');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0); // the demo's acknowledged episode
    const audit = await demo.auditEvents(`action = 'portal.crisis-alert.list' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(audit).toEqual([expect.objectContaining({ outcome: 'success' })]);
    for (const who of ['clinician', 'manager', 'frontdesk'] as const) {
      const denied = await as(app, sessions[who]!).get('/api/v1/admin/portal/crisis-alerts');
      expectProblem(denied, 403);
      expect(await demo.auditEvents(`action = 'access.denied' AND request_id = $1`, [denied.headers['x-request-id']])).toHaveLength(1);
    }
  });
});

describe('the Engagement dashboard tiles read the portal (performance-signal source portal.engagement)', () => {
  const tile = (body: any, key: string) => (body.tiles as any[]).find((t) => t.metricKey === key);

  it('a recompute stores the portal figures, and the tiles show them with the feed connected', async () => {
    const res = await as(app, sessions['admin']!)
      .post('/api/v1/dashboards/recompute')
      .send({ from: daysBefore(today, 13), to: today });
    expect(res.status).toBe(200);
    expect(res.body.results.find((r: { source: string }) => r.source === 'portal.engagement')).toMatchObject({ status: 'ok' });
    const figures = (await adoption(`?from=${today}&to=${today}`)).body;
    // Managers and admins see every site; organization-wide cells (no site) are what these tiles read.
    for (const who of ['manager', 'admin'] as const) {
      const me = await as(app, sessions[who]!).get('/api/v1/dashboards/me?range=today');
      expect(me.status).toBe(200);
      const adoptionTile = tile(me.body, 'engagement.portal-adoption');
      expect(adoptionTile).toMatchObject({
        domain: 'Engagement',
        value: figures.adoption.rate,
        feed: { source: 'portal.engagement', state: 'ok', available: true },
        stale: null,
      });
      expect(adoptionTile.value).toBeGreaterThan(0);
      expect(adoptionTile.freshness.label).not.toBe('Feed not connected');
      expect(tile(me.body, 'engagement.active-clients-7d')).toMatchObject({ value: figures.weeklyActiveClients, feed: { state: 'ok' } });
      expect(tile(me.body, 'engagement.active-clients')).toMatchObject({ value: figures.dailyActiveClients[0].clients });
      expect(tile(me.body, 'engagement.portal-activity')).toMatchObject({ value: figures.totalActions });
    }
    // Clinicians see their own figures only; the portal's are organization-wide, so no Engagement tile reaches them.
    const mine = await as(app, sessions['clinician']!).get('/api/v1/dashboards/me');
    expect(mine.status).toBe(200);
    expect((mine.body.tiles as any[]).filter((t) => t.domain === 'Engagement')).toEqual([]);
  });

  it('the stored cells carry no patient: organization-wide, no site, no provider', async () => {
    const { rows } = await owner.query(
      `SELECT DISTINCT signal_key, site_id, provider_id FROM ds_metric_values WHERE organization_id = $1 AND source = 'portal.engagement'`,
      [org],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatchObject({ site_id: null, provider_id: null });
  });
});
