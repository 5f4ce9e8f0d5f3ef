import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ClsService } from 'nestjs-cls';
import { Pool } from 'pg';

import { RecomputeMetricsCommand, type RecomputeResult } from '@cairn/dashboards/testing';
import { CLS_REQUEST_ID, TENANT_CONTEXT, type TenantContext } from '@cairn/platform/db';
import { SIGNAL_METRICS, SIGNAL_SOURCES } from '@cairn/platform/performance-signals';

import { bootApi } from './support/boot-api';
import { DashboardStore } from './support/dashboard-store';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

/**
 * Issue 16 items 2–4 (b16-core): values reach the store only through RecomputeMetricsCommand over the real source
 * handlers (GetPerformanceSignalsQuery), and a source that breaks for real (its function's grant revoked) leaves
 * the dashboard rendering with the last known value, a staleness indicator and the feed marked unavailable.
 */
let app: INestApplication;
const demo = new DemoFixture();
const store = new DashboardStore(demo.owner);
const admin = new Pool({ connectionString: process.env['DATABASE_ADMIN_URL'], max: 1 });
let org: string;
let today: string;
let adminSession: StaffSession;
let manager: StaffSession;
let frontdesk: StaffSession;

const tile = (body: any, key: string) => (body.tiles as any[]).find((t) => t.metricKey === key);

beforeAll(async () => {
  app = await bootApi();
  org = await demo.orgId('sonoran');
  today = await store.today(org);
  [adminSession, manager, frontdesk] = await Promise.all([
    login(app, 'admin@sonoran.cairn.test'),
    login(app, 'manager@sonoran.cairn.test'),
    login(app, 'frontdesk@sonoran.cairn.test'),
  ]);
  await store.clear(org);
});
afterAll(async () => {
  await admin.query('GRANT EXECUTE ON FUNCTION pm_charge_signals(uuid, date, date) TO cairn_app');
  await app.close();
  await admin.end();
  await demo.close();
});

const recompute = (body: Record<string, unknown>, session = adminSession) =>
  as(app, session, org).post('/api/v1/dashboards/recompute').send(body);

describe('Metrics update according to their declared update model (on-demand recompute for admins)', () => {
  it('recomputes every source through the contract and stores what the sources answer', async () => {
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 13 * 86_400_000).toISOString().slice(0, 10);
    const res = await recompute({ from, to: today });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => r.source).sort()).toEqual([...SIGNAL_SOURCES].sort());
    expect(res.body.results.filter((r: any) => r.status !== 'ok')).toEqual([]);
    // Every stored cell is a signal of the catalogue, stored under the source that owns it.
    const { rows } = await demo.owner.query<{ source: string; signal_key: string }>(
      'SELECT DISTINCT source, signal_key FROM ds_metric_values WHERE organization_id = $1',
      [org],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(SIGNAL_METRICS.find((m) => m.key === r.signal_key)?.source).toBe(r.source);
    // The recompute itself is audited once, with the sources and their outcome.
    const audit = await demo.auditEvents(`organization_id = $1 AND action = 'dashboards.metrics.recompute'`, [org]);
    expect(audit.at(-1)).toMatchObject({ outcome: 'success', scope: expect.objectContaining({ from, to: today }) });
    const { rows: statuses } = await demo.owner.query('SELECT source, status FROM ds_source_status WHERE organization_id = $1', [org]);
    expect(statuses.map((s) => s.status)).toEqual(SIGNAL_SOURCES.map(() => 'ok'));
  });

  it('the stored value of today equals what the source answers for today, and the view shows it with its label', async () => {
    const { rows } = await demo.owner.query<{ v: number }>(
      `SELECT coalesce(sum(value), 0)::float8 AS v FROM ds_metric_values WHERE organization_id = $1 AND signal_key = 'appointments.scheduled' AND day = $2::date`,
      [org, today],
    );
    const res = await as(app, manager, org).get('/api/v1/dashboards/me');
    expect(res.status).toBe(200);
    const t = tile(res.body, 'appointments.today');
    expect(t.value ?? 0).toBe(rows[0]!.v);
    expect(t).toMatchObject({ updateModel: 'real-time', feed: { state: 'ok', available: true }, stale: null });
    expect(t.freshness.label).toBe('Live');
    expect(tile(res.body, 'appointments.utilisation').freshness.label).toMatch(/^Updated (just now|\d+ min ago)$/);
    expect(tile(res.body, 'caseload.active').freshness.label).toMatch(/^As of \d{2}:\d{2} (today|yesterday)$/);
  });

  it('replaces the asked days whole: a stored cell the source no longer reports becomes 0 (the app role deletes nothing)', async () => {
    const ghost = '00000000-0000-4000-8000-00000000beef';
    await store.put(org, 'pm.appointments', [{ signal: 'appointments.no-show', day: today, siteId: null, providerId: ghost, value: 99 }]);
    const res = await recompute({ from: today, to: today, sources: ['pm.appointments'] });
    expect(res.body.results[0]).toMatchObject({ status: 'ok' });
    const { rows } = await demo.owner.query<{ value: number }>(
      'SELECT value FROM ds_metric_values WHERE organization_id = $1 AND provider_id = $2 AND day = $3::date',
      [org, ghost, today],
    );
    expect(rows).toEqual([{ value: 0 }]);
  });

  it('is refused without dashboards.metrics.manage, and refuses a bad range naming the field', async () => {
    expectProblem(await recompute({ from: today, to: today }, frontdesk), 403);
    const bad = await recompute({ from: today, to: '2000-01-01' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: any) => e.field)).toContain('to');
    const unknown = await recompute({ from: today, to: today, sources: ['pm.nothing'] });
    expectProblem(unknown, 400);
  });
});

describe('RecomputeMetricsCommand from the worker (a system context for one organization, no staff user)', () => {
  const asSystem = async (organizationId: string, cmd: RecomputeMetricsCommand): Promise<RecomputeResult> => {
    const cls = app.get(ClsService);
    const system: TenantContext = { organizationId, userId: '', siteIds: 'all', patientScope: 'system' };
    return cls.run(async () => {
      cls.set(TENANT_CONTEXT, system);
      cls.set(CLS_REQUEST_ID, randomUUID());
      return app.get(CommandBus).execute<RecomputeMetricsCommand, RecomputeResult>(cmd);
    });
  };

  it('recomputes through the bus and records the source status with the interval the caller runs at', async () => {
    const res = await asSystem(org, new RecomputeMetricsCommand(org, ['pm.appointments', 'cl.documentation'], today, today, 60));
    expect(res.results.map((r) => [r.source, r.status])).toEqual([
      ['pm.appointments', 'ok'],
      ['cl.documentation', 'ok'],
    ]);
    const { rows } = await demo.owner.query(
      `SELECT source, expected_interval_seconds FROM ds_source_status WHERE organization_id = $1 AND source IN ('pm.appointments', 'cl.documentation') ORDER BY source`,
      [org],
    );
    expect(rows).toEqual([
      { source: 'cl.documentation', expected_interval_seconds: 60 },
      { source: 'pm.appointments', expected_interval_seconds: 60 },
    ]);
    const audit = await demo.auditEvents(`organization_id = $1 AND action = 'dashboards.metrics.recompute' AND actor_type = 'system'`, [
      org,
    ]);
    expect(audit.length).toBeGreaterThan(0);
  });

  it("refuses a command for another organization than the context's", async () => {
    const cascade = await demo.orgId('cascade');
    await expect(asSystem(org, new RecomputeMetricsCommand(cascade, ['pm.appointments'], today, today))).rejects.toThrow(
      /organization of the request/,
    );
  });
});

describe('Source module feed unavailability results in graceful degradation (staleness indicator + last known value), not a broken UI', () => {
  it('a source whose function the app may no longer run is recorded failing; the view keeps the last value, stale since the failure', async () => {
    await store.put(org, 'pm.charges', [{ signal: 'charges.amount-cents', day: today, siteId: null, providerId: null, value: 4242 }]);
    const before = await as(app, manager, org).get('/api/v1/dashboards/me');
    const lastKnown = tile(before.body, 'charges.amount').value;
    expect(lastKnown).not.toBeNull();

    await admin.query('REVOKE EXECUTE ON FUNCTION pm_charge_signals(uuid, date, date) FROM cairn_app');
    try {
      const res = await recompute({ from: today, to: today, sources: ['pm.charges', 'pm.appointments'] });
      expect(res.status).toBe(200);
      const charges = res.body.results.find((r: any) => r.source === 'pm.charges');
      expect(charges).toMatchObject({ status: 'failing', buckets: 0 });
      expect(charges.error).toMatch(/permission denied/i);
      // The other source of the same recompute still committed.
      expect(res.body.results.find((r: any) => r.source === 'pm.appointments')).toMatchObject({ status: 'ok' });

      const view = await as(app, manager, org).get('/api/v1/dashboards/me');
      expect(view.status).toBe(200);
      const t = tile(view.body, 'charges.amount');
      expect(t.value).toBe(lastKnown);
      expect(t.feed).toEqual({ source: 'pm.charges', state: 'failing', available: false });
      expect(t.stale).toEqual({ since: expect.any(String), reason: expect.stringMatching(/permission denied/i) });
      expect(t.freshness.label).not.toBe('Live');
      // Other sources are unaffected.
      expect(tile(view.body, 'appointments.today').feed.state).toBe('ok');

      // Failing again keeps since-when of the first failure.
      const since = t.stale.since;
      await recompute({ from: today, to: today, sources: ['pm.charges'] });
      const again = await as(app, manager, org).get('/api/v1/dashboards/me');
      expect(tile(again.body, 'charges.amount').stale.since).toBe(since);
    } finally {
      await admin.query('GRANT EXECUTE ON FUNCTION pm_charge_signals(uuid, date, date) TO cairn_app');
    }
    const healed = await recompute({ from: today, to: today, sources: ['pm.charges'] });
    expect(healed.body.results[0]).toMatchObject({ status: 'ok' });
    const view = await as(app, manager, org).get('/api/v1/dashboards/me');
    expect(tile(view.body, 'charges.amount')).toMatchObject({ stale: null, feed: { state: 'ok', available: true } });
  });

  it('a source that goes silent (no success within its expected interval) is shown stale with its last known value', async () => {
    const lastSuccess = new Date(Date.now() - 3600_000);
    await store.status(org, 'cl.documentation', { status: 'ok', lastSuccessAt: lastSuccess, expectedIntervalSeconds: 300 });
    const res = await as(app, manager, org).get('/api/v1/dashboards/me');
    expect(res.status).toBe(200);
    const t = tile(res.body, 'notes.unsigned');
    expect(t.feed).toEqual({ source: 'cl.documentation', state: 'silent', available: false });
    expect(t.stale.since).toBe(new Date(lastSuccess.getTime() + 300_000).toISOString());
    expect(t.stale.reason).toMatch(/silent/);
    expect(t.freshness.label).not.toBe('Live');
  });

  it('engagement tiles read the portal (source portal.engagement): a value, the feed connected, not "Feed not connected"', async () => {
    const res = await as(app, manager, org).get('/api/v1/dashboards/me');
    const t = tile(res.body, 'engagement.portal-adoption');
    expect(t).toMatchObject({ feed: { source: 'portal.engagement', state: 'ok', available: true }, stale: null });
    expect(t.value).toBeGreaterThan(0); // the demo has active portal accounts
    expect(t.freshness.label).not.toBe('Feed not connected');
    // The value is what the portal's source answered for today, as stored by the recompute.
    const { rows } = await demo.owner.query<{ v: number }>(
      `SELECT value::float8 AS v FROM ds_metric_values
       WHERE organization_id = $1 AND source = 'portal.engagement' AND signal_key = 'engagement.portal-adoption' AND day = $2::date`,
      [org, today],
    );
    expect(t.value).toBe(rows[0]!.v);
  });
});
