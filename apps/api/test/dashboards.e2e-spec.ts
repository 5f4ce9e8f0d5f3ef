import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';

import { SIGNAL_METRICS } from '@cairn/platform/performance-signals';
import { childProcessEnv, testOwnerUrl } from '@cairn/testing';

import { bootApi } from './support/boot-api';
import { DashboardStore } from './support/dashboard-store';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

/**
 * Issue 16, the views (b16-core): each §13.6 acceptance criterion this side owns is a describe named after it.
 * The value store is the views' only input, so the tests set it (DashboardStore) and assert the answers.
 */
let app: INestApplication;
const demo = new DemoFixture();
const store = new DashboardStore(demo.owner);
let org: string;
let today: string;
let sites: { id: string; code: string; name: string }[];
const sessions: Record<string, StaffSession> = {};
const ids: Record<string, string> = {};
const EMAILS = {
  admin: 'admin@sonoran.cairn.test',
  manager: 'manager@sonoran.cairn.test',
  owner: 'owner@sonoran.cairn.test',
  hr: 'hr@sonoran.cairn.test',
  billing: 'billing@sonoran.cairn.test',
  frontdesk: 'frontdesk@sonoran.cairn.test',
  coordinator: 'coordinator@sonoran.cairn.test',
  clinician: 'clinician@sonoran.cairn.test',
  clinician2: 'clinician.tucson@sonoran.cairn.test',
  peer: 'peer@sonoran.cairn.test',
  supervisor: 'supervisor@sonoran.cairn.test',
} as const;
type Who = keyof typeof EMAILS;

const site = (code: string) => sites.find((s) => s.code === code)!.id;
const get = (who: Who, url: string, query: Record<string, string> = {}) => as(app, sessions[who]!, org).get(url).query(query);
const tile = (body: any, key: string) => (body.tiles as any[]).find((t) => t.metricKey === key);

beforeAll(async () => {
  app = await bootApi();
  org = await demo.orgId('sonoran');
  sites = await demo.sites('sonoran');
  today = await store.today(org);
  for (const [who, email] of Object.entries(EMAILS)) {
    sessions[who] = await login(app, email);
    ids[who] = await demo.userId(email);
  }
});
afterAll(async () => {
  // The practice's overrides made here would change other suites' views of the shared demo organization.
  await demo.owner.query('DELETE FROM ds_metric_definitions WHERE organization_id = $1', [org]);
  await demo.owner.query('DELETE FROM ds_view_definitions WHERE organization_id = $1', [org]);
  await demo.owner.query('DELETE FROM ds_user_layouts WHERE organization_id = $1', [org]);
  await demo.owner.query('DELETE FROM ds_export_permissions WHERE organization_id = $1', [org]);
  await app.close();
  await demo.close();
});

async function seedToday(): Promise<void> {
  await store.clear(org);
  const now = new Date();
  await store.put(org, 'pm.appointments', [
    {
      signal: 'appointments.scheduled',
      day: today,
      siteId: site('TUC'),
      providerId: ids['clinician'],
      value: 6,
      breakdown: { scheduled: 4, completed: 2 },
    },
    {
      signal: 'appointments.scheduled',
      day: today,
      siteId: site('TUC'),
      providerId: ids['clinician2'],
      value: 5,
      breakdown: { scheduled: 5 },
    },
    { signal: 'appointments.scheduled', day: today, siteId: site('PHX'), providerId: ids['peer'], value: 7, breakdown: { scheduled: 7 } },
    { signal: 'appointments.no-show', day: today, siteId: site('TUC'), providerId: ids['clinician2'], value: 4 },
    { signal: 'appointments.no-show', day: today, siteId: site('PHX'), providerId: ids['peer'], value: 3 },
    { signal: 'appointments.booked-minutes', day: today, siteId: site('TUC'), providerId: ids['clinician'], value: 300 },
    { signal: 'appointments.available-minutes', day: today, siteId: site('TUC'), providerId: ids['clinician'], value: 480 },
  ]);
  await store.put(org, 'cl.documentation', [
    { signal: 'notes.unsigned', day: today, siteId: site('TUC'), providerId: ids['clinician'], value: 2 },
    { signal: 'notes.unsigned', day: today, siteId: site('TUC'), providerId: ids['clinician2'], value: 9 },
  ]);
  await store.put(org, 'pm.charges', [
    { signal: 'charges.amount-cents', day: today, siteId: site('TUC'), providerId: ids['clinician'], value: 125_00 },
  ]);
  for (const source of ['pm.appointments', 'cl.documentation', 'pm.charges'])
    await store.status(org, source, { status: 'ok', lastSuccessAt: now });
}

describe('All authenticated staff roles receive the Dashboard View bound to their role, with metrics filtered to their permission scope', () => {
  beforeAll(seedToday);

  it.each([
    ['manager', 'manager'],
    ['owner', 'manager'],
    ['admin', 'manager'],
    ['hr', 'manager'],
    ['billing', 'treatment-coordinator'],
    ['frontdesk', 'front-of-house'],
    ['coordinator', 'front-of-house'],
    ['clinician', 'practitioner'],
    ['peer', 'practitioner'],
    ['supervisor', 'practitioner'],
  ] as const)('%s lands on the %s view', async (who, viewKey) => {
    const res = await get(who, '/api/v1/dashboards/me');
    expect(res.status).toBe(200);
    expect(res.body.view.key).toBe(viewKey);
    expect(res.body.tiles.length).toBeGreaterThan(0);
  });

  it("a clinician receives only their own figures, never another provider's, and no financial metric", async () => {
    const res = await get('clinician', '/api/v1/dashboards/me');
    expect(res.status).toBe(200);
    expect(tile(res.body, 'appointments.today')).toMatchObject({ value: 6, scope: 'own' });
    expect(tile(res.body, 'notes.unsigned')).toMatchObject({ value: 2, scope: 'own' });
    expect((res.body.tiles as any[]).map((t) => t.metricKey).filter((k: string) => k.startsWith('charges.'))).toEqual([]);
  });

  it('the manager sees every site and provider', async () => {
    const res = await get('manager', '/api/v1/dashboards/me');
    expect(tile(res.body, 'appointments.today')).toMatchObject({ value: 18, scope: 'scoped', breakdown: { scheduled: 16, completed: 2 } });
    expect(tile(res.body, 'notes.unsigned').value).toBe(11);
    expect(tile(res.body, 'charges.amount').value).toBe(12500);
  });
});

describe('Trends: each tile carries its series over the preceding windows, with the same scope as its value', () => {
  const dayBefore = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  beforeAll(async () => {
    await seedToday();
    await store.put(org, 'cl.documentation', [
      { signal: 'notes.unsigned', day: dayBefore(2), siteId: site('TUC'), providerId: ids['clinician'], value: 4 },
      { signal: 'notes.unsigned', day: dayBefore(2), siteId: site('TUC'), providerId: ids['clinician2'], value: 30 },
      { signal: 'notes.unsigned', day: dayBefore(5), siteId: site('PHX'), providerId: ids['peer'], value: 100 },
    ]);
  });

  it("a clinician's trend holds only their own figures; a manager's every provider's; gaps are null, never 0", async () => {
    const own = tile((await get('clinician', '/api/v1/dashboards/me')).body, 'notes.unsigned');
    expect(own.series).toHaveLength(8);
    expect(own.series.at(-1)).toEqual({ from: today, to: today, value: 2 });
    expect(own.series.find((p: any) => p.from === dayBefore(2)).value).toBe(4);
    expect(own.series.find((p: any) => p.from === dayBefore(5)).value).toBeNull();
    expect(own.series.find((p: any) => p.from === dayBefore(1)).value).toBeNull();

    const all = tile((await get('manager', '/api/v1/dashboards/me')).body, 'notes.unsigned');
    expect(all.series.find((p: any) => p.from === dayBefore(2)).value).toBe(34);
    expect(all.series.find((p: any) => p.from === dayBefore(5)).value).toBe(100);
    const tuc = tile((await get('manager', '/api/v1/dashboards/me', { siteId: site('TUC') })).body, 'notes.unsigned');
    expect(tuc.series.find((p: any) => p.from === dayBefore(5)).value).toBeNull();
  });

  it("a clinician asking for another provider's trend is refused like the tile (403)", async () => {
    const res = await get('clinician', '/api/v1/dashboards/me', { providerId: ids['clinician2']! });
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain('series');
  });
});

describe('RBAC is enforced at the metric level: a role never receives a metric its visibility rules exclude', () => {
  beforeAll(seedToday);

  it.each(Object.keys(EMAILS) as Who[])('%s receives only metrics whose visibility rules name one of its roles', async (who) => {
    const { rows } = await demo.owner.query<{ metric_key: string; roles: string[] }>(
      `SELECT metric_key, ARRAY(SELECT jsonb_array_elements_text(visibility_rules->'roles')) AS roles
       FROM ds_metric_definitions WHERE organization_id IS NULL OR organization_id = $1 ORDER BY organization_id NULLS FIRST`,
      [org],
    );
    const roles = new Map(rows.map((r) => [r.metric_key, r.roles]));
    const { rows: bindings } = await demo.owner.query<{ role_key: string }>(
      'SELECT role_key FROM pf_role_bindings WHERE organization_id = $1 AND staff_user_id = $2 AND revoked_at IS NULL',
      [org, ids[who]],
    );
    const res = await get(who, '/api/v1/dashboards/me');
    expect(res.status).toBe(200);
    for (const t of res.body.tiles) expect(roles.get(t.metricKey)!.some((r) => bindings.some((b) => b.role_key === r))).toBe(true);
  });
});

describe('Freshness: every value carries its update model and a human freshness label', () => {
  it('real-time "Live", near-real-time "Updated N min ago", batch "As of HH:MM today"', async () => {
    await store.clear(org);
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000 - 5_000);
    await store.put(org, 'pm.appointments', [
      { signal: 'appointments.scheduled', day: today, siteId: site('TUC'), providerId: ids['clinician'], value: 3 },
      {
        signal: 'appointments.booked-minutes',
        day: today,
        siteId: site('TUC'),
        providerId: ids['clinician'],
        value: 60,
        computedAt: twoMinutesAgo,
      },
      {
        signal: 'appointments.available-minutes',
        day: today,
        siteId: site('TUC'),
        providerId: ids['clinician'],
        value: 120,
        computedAt: twoMinutesAgo,
      },
    ]);
    const { rows } = await demo.owner.query<{ at: Date; hhmm: string }>(
      `SELECT date_trunc('minute', now()) - interval '1 minute' AS at,
              to_char((date_trunc('minute', now()) - interval '1 minute') AT TIME ZONE o.timezone, 'HH24:MI') AS hhmm
       FROM pf_organizations o WHERE o.id = $1`,
      [org],
    );
    await store.put(org, 'cl.caseload', [
      { signal: 'caseload.active', day: today, siteId: null, providerId: ids['clinician'], value: 14, computedAt: rows[0]!.at },
    ]);
    for (const source of ['pm.appointments', 'cl.caseload']) await store.status(org, source, { status: 'ok', lastSuccessAt: new Date() });
    const res = await get('clinician', '/api/v1/dashboards/me');
    expect(tile(res.body, 'appointments.today')).toMatchObject({ updateModel: 'real-time', freshness: { label: 'Live' } });
    expect(tile(res.body, 'appointments.utilisation')).toMatchObject({
      updateModel: 'near-real-time',
      value: 0.5,
      freshness: { label: 'Updated 2 min ago' },
    });
    expect(tile(res.body, 'caseload.active')).toMatchObject({
      updateModel: 'batch',
      value: 14,
      freshness: { label: `As of ${rows[0]!.hhmm} today`, asOf: today },
    });
  });
});

describe('Cross-site and group views are inaccessible without explicit Access Manager grant; denied attempts are logged', () => {
  beforeAll(seedToday);

  it.each(['frontdesk', 'clinician', 'billing', 'hr'] as const)(
    '%s gets 403 and a denied dashboard audit event written before the answer',
    async (who) => {
      const before = (await store.auditEvents(org, ids[who]!)).length;
      const res = await get(who, '/api/v1/dashboards/cross-site');
      expectProblem(res, 403);
      const events = await store.auditEvents(org, ids[who]!);
      expect(events.length).toBe(before + 1);
      expect(events.at(-1)).toMatchObject({
        event_type: 'denied',
        scope_context: expect.objectContaining({ target: 'cross-site', reason: 'missing dashboards.cross-site.view' }),
      });
      // The platform audit row of the same transaction vouches for it (hash-chained, ADR 0013).
      const anchor = await demo.auditEvents(
        `organization_id = $1 AND action = 'dashboards.view.read' AND scope->'dashboardEvents' @> $2::jsonb`,
        [org, JSON.stringify([{ id: events.at(-1)!.event_id, hash: events.at(-1)!.content_hash }])],
      );
      expect(anchor).toHaveLength(1);
      expect(anchor[0]).toMatchObject({ outcome: 'denied' });
    },
  );

  it('the group view via /views/group is refused the same way', async () => {
    expectProblem(await get('frontdesk', '/api/v1/dashboards/views/group'), 403);
  });

  it('a holder of dashboards.cross-site.view gets the per-site comparison, audited with the sites in scope', async () => {
    const res = await get('manager', '/api/v1/dashboards/cross-site');
    expect(res.status).toBe(200);
    expect(res.body.view.key).toBe('group');
    const t = tile(res.body, 'appointments.today');
    expect(t.bySite.map((s: any) => s.siteId).sort()).toEqual(sites.map((s) => s.id).sort());
    expect(t.bySite.find((s: any) => s.siteId === site('TUC')).value).toBe(11);
    expect(t.bySite.find((s: any) => s.siteId === site('PHX')).value).toBe(7);
    const events = await store.auditEvents(org, ids['manager']!);
    const crossSite = events.filter((e) => e.event_type === 'cross-site-accessed').at(-1)!;
    expect((crossSite.scope_context['sitesInScope'] as string[]).sort()).toEqual(sites.map((s) => s.id).sort());
  });
});

describe('Filters (date, site, provider) respect scope: outside scope is refused and audited, never widened', () => {
  beforeAll(seedToday);

  it('a front desk bound to TUC may filter to TUC but not to PHX (403, denied event)', async () => {
    const ok = await get('frontdesk', '/api/v1/dashboards/me', { siteId: site('TUC') });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('Filtered');
    expect(tile(ok.body, 'appointments.today').value).toBe(11);
    const before = (await store.auditEvents(org, ids['frontdesk']!)).length;
    const res = await get('frontdesk', '/api/v1/dashboards/me', { siteId: site('PHX') });
    expectProblem(res, 403);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'siteId' })]);
    const events = await store.auditEvents(org, ids['frontdesk']!);
    expect(events.slice(before).map((e) => e.event_type)).toEqual(['denied']);
  });

  it('without a filter a site-bound front desk sees only its sites', async () => {
    const res = await get('frontdesk', '/api/v1/dashboards/me');
    expect(tile(res.body, 'appointments.today').value).toBe(11);
  });

  it("a clinician may not ask for another provider's figures (403), only their own", async () => {
    expectProblem(await get('clinician', '/api/v1/dashboards/me', { providerId: ids['clinician2']! }), 403);
    const own = await get('clinician', '/api/v1/dashboards/me', { providerId: ids['clinician']! });
    expect(tile(own.body, 'appointments.today').value).toBe(6);
  });

  it('a manager may filter by provider and by site', async () => {
    const byProvider = await get('manager', '/api/v1/dashboards/me', { providerId: ids['clinician2']! });
    expect(tile(byProvider.body, 'appointments.today').value).toBe(5);
    const bySite = await get('manager', '/api/v1/dashboards/me', { siteId: site('PHX') });
    expect(tile(bySite.body, 'appointments.today').value).toBe(7);
  });

  it('date ranges: this week runs Monday to Sunday; a custom range needs from and to; a site of no organization is 422', async () => {
    const week = await get('manager', '/api/v1/dashboards/me', { range: 'this-week' });
    expect(week.status).toBe(200);
    expect(new Date(`${week.body.filters.from}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(week.body.filters.from <= today && today <= week.body.filters.to).toBe(true);
    const custom = await get('manager', '/api/v1/dashboards/me', { range: 'custom', from: today });
    expectProblem(custom, 400);
    expect(custom.body.errors.map((e: any) => e.field)).toEqual(['to']);
    const reversed = await get('manager', '/api/v1/dashboards/me', { from: today, to: '2001-01-01' });
    expectProblem(reversed, 400);
    expectProblem(await get('manager', '/api/v1/dashboards/me', { range: 'yesterday' }), 400);
    expectProblem(await get('manager', '/api/v1/dashboards/me', { siteId: '00000000-0000-4000-8000-000000000001' }), 422);
  });

  it("a view not bound to the caller's role is refused (403) and audited", async () => {
    expectProblem(await get('clinician', '/api/v1/dashboards/views/manager'), 403);
    const events = await store.auditEvents(org, ids['clinician']!);
    expect(events.at(-1)).toMatchObject({ event_type: 'denied' });
    expect((await get('clinician', '/api/v1/dashboards/views/practitioner')).status).toBe(200);
    expectProblem(await get('clinician', '/api/v1/dashboards/views/nothing-here'), 404);
  });
});

describe('All access, filter, drill-through, export, and cross-site events are written to the audit log before the corresponding response is returned', () => {
  it('a filtered view writes accessed and filtered events, anchored in the chained platform audit row of the same call', async () => {
    const before = (await store.auditEvents(org, ids['manager']!)).length;
    const res = await get('manager', '/api/v1/dashboards/me', { range: 'this-week', siteId: site('TUC') });
    expect(res.status).toBe(200);
    // By the time the answer arrived, the events were committed.
    const events = (await store.auditEvents(org, ids['manager']!)).slice(before);
    expect(events.map((e) => e.event_type).sort()).toEqual(['accessed', 'filtered']);
    expect(events[0]!.scope_context).toMatchObject({
      siteId: site('TUC'),
      range: 'this-week',
      from: res.body.filters.from,
      to: res.body.filters.to,
    });
    const anchor = await demo.auditEvents(`organization_id = $1 AND scope->'dashboardEvents' @> $2::jsonb`, [
      org,
      JSON.stringify(events.map((e) => ({ id: e.event_id, hash: e.content_hash }))),
    ]);
    expect(anchor).toHaveLength(1);
    expect(anchor[0]).toMatchObject({ action: 'dashboards.view.read', outcome: 'success', actor_user_id: ids['manager'] });
  });
});

describe('Audit log entries are immutable; no UPDATE or DELETE path exists in application code', () => {
  const adminPool = () => new Pool({ connectionString: process.env['DATABASE_ADMIN_URL'], max: 1 });

  it('the database refuses UPDATE, DELETE and TRUNCATE of dashboard audit events, even for the owner role', async () => {
    await get('manager', '/api/v1/dashboards/me');
    const [event] = (await store.auditEvents(org, ids['manager']!)).slice(-1);
    await expect(
      demo.owner.query(`UPDATE ds_audit_events SET event_type = 'accessed' WHERE event_id = $1`, [event!.event_id]),
    ).rejects.toThrow(/append-only/);
    await expect(demo.owner.query('DELETE FROM ds_audit_events WHERE event_id = $1', [event!.event_id])).rejects.toThrow(/append-only/);
    await expect(demo.owner.query('TRUNCATE ds_audit_events')).rejects.toThrow(/append-only/);
    const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 1 });
    try {
      await expect(app.query('DELETE FROM ds_audit_events')).rejects.toThrow(/permission denied/);
      await expect(app.query(`UPDATE ds_audit_events SET event_type = 'x'`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  });

  it('npm run audit:verify detects a dashboard audit event changed behind the triggers, and one no chained row vouches for', async () => {
    const problems = async () => (await demo.owner.query<{ event_id: string; problem: string }>('SELECT * FROM ds_audit_verify()')).rows;
    expect(await problems()).toEqual([]);
    const [event] = (await store.auditEvents(org, ids['manager']!)).slice(-1);
    const pool = adminPool();
    // A superuser session with triggers off (session_replication_role: this session only, so the suites running
    // beside this one keep sealing their rows): what only a direct database attack could do.
    const attacker = await pool.connect();
    await attacker.query(`SET session_replication_role = replica`);
    try {
      await attacker.query(`UPDATE ds_audit_events SET scope_context = scope_context || '{"tampered":true}' WHERE event_id = $1`, [
        event!.event_id,
      ]);
      await attacker.query(
        `INSERT INTO ds_audit_events (organization_id, event_id, event_type, actor_id, scope_context, content_hash, occurred_at)
         VALUES ($1, gen_random_uuid(), 'accessed', $2, '{}', 'forged', now())`,
        [org, ids['manager']],
      );
      const found = await problems();
      expect(found).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ event_id: event!.event_id, problem: 'content does not match its hash' }),
          expect.objectContaining({ problem: 'content does not match its hash' }),
        ]),
      );
      expect(found).toHaveLength(2);
      // The CLI an operator runs reports it and fails.
      const cli = spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/audit/verify-audit-log.ts'], {
        cwd: join(__dirname, '../../..'),
        env: childProcessEnv({ DATABASE_OWNER_URL: testOwnerUrl(), CAIRN_DATA_DIR: join(__dirname, '../../../tmp/no-audit-data') }),
        encoding: 'utf8',
      });
      expect(cli.status).toBe(1);
      expect(cli.stdout).toContain(`TAMPERED dashboard audit event ${event!.event_id}`);
    } finally {
      await attacker.query(`DELETE FROM ds_audit_events WHERE content_hash = 'forged'`);
      await attacker.query(`UPDATE ds_audit_events SET scope_context = $2 WHERE event_id = $1`, [event!.event_id, event!.scope_context]);
      attacker.release();
      await pool.end();
    }
    expect(await problems()).toEqual([]);
  });
});

/** A fingerprint of every source table a dashboard interaction could touch. */
async function sourceFingerprint(): Promise<Record<string, string>> {
  const tables = [
    'pm_appointments',
    'pm_charges',
    'pm_encounters',
    'cl_progress_notes',
    'cl_group_encounter_generations',
    'cl_peer_encounters',
    'cl_part2_consents',
    'cl_peer_supervision',
  ];
  const out: Record<string, string> = {};
  for (const t of tables) {
    const { rows } = await demo.owner.query<{ h: string }>(
      `SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS h FROM ${t} x`,
    );
    out[t] = rows[0]!.h;
  }
  return out;
}

describe('No dashboard interaction triggers an automatic action in any source module (attention indicators never act)', () => {
  beforeAll(seedToday);

  it('indicators fire with their rule, compared values, label, icon and drill link, and no source row changes', async () => {
    await store.put(org, 'pm.appointments', [
      { signal: 'appointments.no-show', day: today, siteId: site('TUC'), providerId: ids['clinician'], value: 2 },
    ]);
    const before = await sourceFingerprint();
    const res = await get('manager', '/api/v1/dashboards/me');
    const t = tile(res.body, 'appointments.no-show');
    expect(t.value).toBe(9);
    expect(t.attention).toEqual(
      expect.arrayContaining([
        {
          rule: 'threshold',
          level: 'alert',
          condition: expect.stringContaining('alert threshold'),
          label: 'No-shows (DNA) is 9, at or above the alert threshold of 6',
          icon: 'alert-triangle',
          compared: { value: 9, threshold: 6 },
          drill: expect.stringMatching(/^\/api\/v1\/dashboards\/drill\/appointments\.no-show\?/),
        },
      ]),
    );
    const unsigned = tile(res.body, 'notes.unsigned');
    expect(unsigned.attention.map((a: any) => a.rule)).toEqual(['threshold']);
    for (const who of Object.keys(EMAILS) as Who[]) await get(who, '/api/v1/dashboards/me', { range: 'this-week' });
    await get('manager', '/api/v1/dashboards/cross-site');
    expect(await sourceFingerprint()).toEqual(before);
  });

  it('an unusual change against the trailing 8 weeks fires with the compared mean', async () => {
    const cells = [];
    for (let i = 1; i <= 56; i++) {
      const day = new Date(Date.parse(`${today}T00:00:00Z`) - i * 86_400_000).toISOString().slice(0, 10);
      cells.push({ signal: 'appointments.cancelled', day, siteId: site('TUC'), providerId: ids['clinician'], value: i % 2 === 0 ? 1 : 2 });
    }
    cells.push({ signal: 'appointments.cancelled', day: today, siteId: site('TUC'), providerId: ids['clinician'], value: 12 });
    await store.put(org, 'pm.appointments', cells);
    const res = await get('manager', '/api/v1/dashboards/me');
    const t = tile(res.body, 'appointments.cancelled');
    expect(t.attention).toEqual([
      expect.objectContaining({
        rule: 'unusual-change',
        icon: 'trending-up',
        compared: expect.objectContaining({ value: 12, trailingMean: 1.5, windows: 56 }),
      }),
    ]);
  });
});

describe('Definitions as data: a practice admin changes targets, thresholds and visibility, never a calculation; every change is on an immutable trail', () => {
  const patch = (who: Who, key: string, body: unknown) =>
    as(app, sessions[who]!, org)
      .patch(`/api/v1/dashboards/definitions/metrics/${key}`)
      .send(body as object);

  it('the platform metric set covers every signal of the contract, in the five domains, each with exactly one update model', async () => {
    const res = await get('admin', '/api/v1/dashboards/definitions');
    expect(res.status).toBe(200);
    const read = new Set((res.body.metrics as any[]).flatMap((m) => [m.calculation.signal, m.calculation.denominator].filter(Boolean)));
    expect(SIGNAL_METRICS.map((m) => m.key).filter((k) => !read.has(k))).toEqual([]);
    expect(new Set((res.body.metrics as any[]).map((m) => m.domain))).toEqual(
      new Set(['Operational', 'Clinical', 'Financial', 'Compliance', 'Engagement']),
    );
    for (const m of res.body.metrics) expect(['real-time', 'near-real-time', 'batch']).toContain(m.updateModel);
    expect((res.body.views as any[]).map((v) => v.viewKey).sort()).toEqual([
      'front-of-house',
      'group',
      'manager',
      'practitioner',
      'treatment-coordinator',
    ]);
  });

  it('changes the no-show thresholds for this practice only, appends the trail, and the view evaluates the new rule', async () => {
    await seedToday();
    const res = await patch('admin', 'appointments.no-show', { thresholds: { direction: 'above', warn: 50, alert: 100 }, target: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      metricKey: 'appointments.no-show',
      overridden: true,
      target: 1,
      thresholds: { direction: 'above', warn: 50, alert: 100 },
    });
    const view = await get('manager', '/api/v1/dashboards/me');
    expect(tile(view.body, 'appointments.no-show').attention.filter((a: any) => a.rule === 'threshold')).toEqual([]);
    const { rows } = await demo.owner.query(
      `SELECT * FROM ds_definition_changes WHERE organization_id = $1 AND subject_key = 'appointments.no-show' ORDER BY occurred_at`,
      [org],
    );
    expect(rows.at(-1)).toMatchObject({ subject_type: 'metric', actor_id: ids['admin'], after: expect.objectContaining({ target: 1 }) });
    await expect(
      demo.owner.query('UPDATE ds_definition_changes SET subject_key = $2 WHERE id = $1', [rows.at(-1).id, 'x']),
    ).rejects.toThrow(/append-only/);
    await expect(demo.owner.query('DELETE FROM ds_definition_changes WHERE id = $1', [rows.at(-1).id])).rejects.toThrow(/append-only/);
    // Another practice still has the platform default.
    const cascade = await demo.orgId('cascade');
    const { rows: other } = await demo.owner.query('SELECT 1 FROM ds_metric_definitions WHERE organization_id = $1', [cascade]);
    expect(other).toEqual([]);
  });

  it.each([
    ['calculation', { op: 'sum', signal: 'appointments.cancelled' }],
    ['calculationSource', 'pm.charges'],
    ['updateModel', 'batch'],
  ])('refuses a change of %s (the platform owns calculations) with 400 naming the field, and changes nothing', async (field, value) => {
    const before = await get('admin', '/api/v1/dashboards/definitions');
    const res = await patch('admin', 'appointments.no-show', { [field]: value });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    const after = await get('admin', '/api/v1/dashboards/definitions');
    expect(after.body.metrics).toEqual(before.body.metrics);
  });

  it('refuses bad visibility roles and bad thresholds naming the field; refuses callers without dashboards.metrics.manage', async () => {
    const roles = await patch('admin', 'appointments.no-show', { visibilityRules: { roles: ['janitor'], scope: 'organization' } });
    expectProblem(roles, 400);
    expect(roles.body.errors.map((e: any) => e.field)).toEqual(['visibilityRules.roles']);
    const th = await patch('admin', 'appointments.no-show', { thresholds: { warn: 'many' } });
    expectProblem(th, 400);
    expectProblem(await patch('manager', 'appointments.no-show', { target: 2 }), 403);
    expectProblem(await patch('admin', 'no.such-metric', { target: 2 }), 404);
  });

  it('visibility changes apply per metric: removing front_desk hides the metric from the front desk only', async () => {
    const res = await patch('admin', 'appointments.gap-minutes', {
      visibilityRules: { roles: ['practice_manager', 'owner', 'admin'], scope: 'organization' },
    });
    expect(res.status).toBe(200);
    expect(tile((await get('frontdesk', '/api/v1/dashboards/me')).body, 'appointments.gap-minutes')).toBeUndefined();
    expect(tile((await get('manager', '/api/v1/dashboards/me')).body, 'appointments.gap-minutes')).toBeDefined();
  });

  it('a view can leave out a module for this practice, and the export switch is per role', async () => {
    const res = await as(app, sessions['admin']!, org)
      .patch('/api/v1/dashboards/definitions/views/treatment-coordinator')
      .send({ enabledModules: ['Clinical'] });
    expect(res.status).toBe(200);
    const view = await get('billing', '/api/v1/dashboards/me');
    expect((view.body.tiles as any[]).filter((t) => t.domain === 'Financial')).toEqual([]);
    const refused = await as(app, sessions['admin']!, org)
      .patch('/api/v1/dashboards/definitions/views/treatment-coordinator')
      .send({ roleBinding: ['clinician'] });
    expectProblem(refused, 400);
    const ex = await as(app, sessions['admin']!, org).put('/api/v1/dashboards/export-permissions/supervisor').send({ allowed: false });
    expect(ex.status).toBe(200);
    expect(ex.body).toEqual({ roleKey: 'supervisor', allowed: false });
    expectProblem(
      await as(app, sessions['admin']!, org).put('/api/v1/dashboards/export-permissions/janitor').send({ allowed: false }),
      400,
    );
  });
});

describe('Per-user layout where the practice enables it; the core metric set of a role cannot be removed', () => {
  const put = (who: Who, viewKey: string, body: unknown) =>
    as(app, sessions[who]!, org)
      .put(`/api/v1/dashboards/views/${viewKey}/layout`)
      .send(body as object);

  it('orders and hides tiles of the caller only', async () => {
    const res = await put('manager', 'manager', {
      metricOrder: ['charges.amount', 'appointments.today'],
      hiddenMetrics: ['appointments.booked-minutes'],
    });
    expect(res.status).toBe(200);
    const view = await get('manager', '/api/v1/dashboards/me');
    const keys = (view.body.tiles as any[]).map((t) => t.metricKey);
    expect(keys.slice(0, 2)).toEqual(['charges.amount', 'appointments.today']);
    expect(keys).not.toContain('appointments.booked-minutes');
    expect((await get('owner', '/api/v1/dashboards/me')).body.tiles.map((t: any) => t.metricKey)).toContain('appointments.booked-minutes');
  });

  it('refuses hiding a core metric (400 naming hiddenMetrics), a metric of another view, and a layout of a view one is not bound to', async () => {
    const core = await put('manager', 'manager', { metricOrder: [], hiddenMetrics: ['appointments.today'] });
    expectProblem(core, 400);
    expect(core.body.errors.map((e: any) => e.field)).toEqual(['hiddenMetrics']);
    expectProblem(await put('manager', 'manager', { metricOrder: ['no.such'], hiddenMetrics: [] }), 400);
    expectProblem(await put('clinician', 'manager', { metricOrder: [], hiddenMetrics: [] }), 403);
  });

  it('is refused (422) where the practice has switched personal layouts off, and the stored layout no longer applies', async () => {
    const off = await as(app, sessions['admin']!, org)
      .patch('/api/v1/dashboards/definitions/views/manager')
      .send({ userLayoutEnabled: false });
    expect(off.status).toBe(200);
    expectProblem(await put('manager', 'manager', { metricOrder: [], hiddenMetrics: [] }), 422);
    const keys = (await get('manager', '/api/v1/dashboards/me')).body.tiles.map((t: any) => t.metricKey);
    expect(keys).toContain('appointments.booked-minutes');
  });
});

describe('Drill-through navigation maps correctly to source records in the originating module and does not mutate any source data', () => {
  beforeAll(seedToday);
  const drill = (who: Who, key: string, query: Record<string, string> = {}) => get(who, `/api/v1/dashboards/drill/${key}`, query);

  it('returns the no-show appointments of the range from the owning context, each linking to its workflow, audited, with no source change', async () => {
    const { rows } = await demo.owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pm_appointments a JOIN pf_organizations o ON o.id = a.organization_id
       WHERE a.organization_id = $1 AND a.status = 'no_show' AND (a.start_at AT TIME ZONE o.timezone)::date BETWEEN $2::date - 30 AND $2::date`,
      [org, today],
    );
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
    const before = await sourceFingerprint();
    const eventsBefore = (await store.auditEvents(org, ids['manager']!)).length;
    const res = await drill('manager', 'appointments.no-show', { from, to: today, pageSize: '100' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ drillKey: 'appointments.no-show', metricKey: 'appointments.no-show', filters: { from, to: today } });
    expect(res.body.records.total).toBe(rows[0]!.n);
    for (const r of res.body.records.rows) expect(r.link).toMatch(/^\//);
    const events = (await store.auditEvents(org, ids['manager']!)).slice(eventsBefore);
    expect(events.map((e) => e.event_type)).toEqual(['drilled-into']);
    expect(events[0]!.scope_context).toMatchObject({ drillKey: 'appointments.no-show', total: rows[0]!.n });
    expect(await sourceFingerprint()).toEqual(before);
  });

  it("a clinician drills into their own records only, never another provider's (403)", async () => {
    const res = await drill('clinician', 'appointments.today');
    expect(res.status).toBe(200);
    expect(res.body.filters.providerId).toBe(ids['clinician']);
    expectProblem(await drill('clinician', 'appointments.today', { providerId: ids['clinician2']! }), 403);
  });

  it('a drill-through behind a metric the role may not see is refused (403) and audited; an unknown one is 404', async () => {
    const before = await sourceFingerprint();
    for (const who of ['frontdesk', 'clinician'] as const) {
      expectProblem(await drill(who, 'charges.on-hold'), 403);
      const events = await store.auditEvents(org, ids[who]!);
      expect(events.at(-1)).toMatchObject({
        event_type: 'denied',
        scope_context: expect.objectContaining({ drillKey: 'charges.on-hold', reason: 'metric_not_visible' }),
      });
    }
    expect(await sourceFingerprint()).toEqual(before);
    expectProblem(await drill('manager', 'no.such-drill'), 404);
    const bad = await drill('manager', 'appointments.no-show', { pageSize: '1000' });
    expectProblem(bad, 400);
  });
});

describe("Multi-tenant: a practice never sees another practice's stored values", () => {
  beforeAll(seedToday);

  it("the other organization's manager sees none of Sonoran's figures, and cannot ask for Sonoran's dashboard", async () => {
    const cascade = await demo.orgId('cascade');
    await store.clear(cascade);
    const session = await login(app, 'manager@cascade.cairn.test');
    const res = await as(app, session, cascade).get('/api/v1/dashboards/me');
    expect(res.status).toBe(200);
    expect(tile(res.body, 'appointments.today').value).toBeNull();
    expect(tile(res.body, 'notes.unsigned').value).toBeNull();
    const other = await as(app, session, org).get('/api/v1/dashboards/me');
    expect(other.status).toBe(403);
    // A Sonoran site named as a filter from Cascade is not one of Cascade's sites.
    expectProblem(
      await as(app, session, cascade)
        .get('/api/v1/dashboards/me')
        .query({ siteId: site('TUC') }),
      422,
    );
  });
});
