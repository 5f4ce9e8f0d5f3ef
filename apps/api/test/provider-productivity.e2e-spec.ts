import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { Pool } from 'pg';
import request from 'supertest';

import { SESSION_CATEGORIES } from '@cairn/platform/workforce';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { createProductivityFixture, ProductivityFixture } from './support/productivity-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

const URL = '/api/v1/hr/provider-productivity';
const MARCH = { periodStart: '2025-03-01', periodEnd: '2025-03-31' };
const FIELDS = [
  'activeCaseloadCount',
  'avgDocumentationLagHours',
  'documentationLagBins',
  'lateCancelCount',
  'noShowCount',
  'noShowRate',
  'notesCompletedCount',
  'notesCompletedPerWeek',
  'organizationId',
  'periodEnd',
  'periodStart',
  'providerId',
  'sessionCountByCategory',
  'siteId',
].sort();

let app: INestApplication;
const demo = new DemoFixture();
const appPool = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });
let fx: ProductivityFixture;
let hrAll: StaffSession;
let hrSiteA: StaffSession;
let clinician: StaffSession;

beforeAll(async () => {
  app = await bootApi();
  fx = await createProductivityFixture(demo.owner);
  [hrAll, hrSiteA, clinician] = await Promise.all([
    login(app, fx.emails.hrAll),
    login(app, fx.emails.hrSiteA),
    login(app, fx.emails.clinician),
  ]);
});
afterAll(async () => {
  await app.close();
  await appPool.end();
  await demo.close();
});

const get = (session: StaffSession, query: Record<string, string>, orgId = fx.orgId) => as(app, session, orgId).get(URL).query(query);
const byProvider = (items: Record<string, any>[]) =>
  [...items].sort((a, b) => String(a['providerId'] ?? '~').localeCompare(String(b['providerId'] ?? '~')));

const LINEAGE = readFileSync(join(__dirname, '../../../libs/hr/src/provider-productivity/infrastructure/lineage.sql'), 'utf8');

/**
 * Compares the API's answer with the documented lineage query over the base tables. Every row shown is a
 * provider with at least 5 patients, with exactly the lineage figures at every site; every figure it shows is
 * the lineage one (withheld ones are null or {}); the rows shown and the providers withheld add up to the
 * providers with activity. A site's answer is a subset of the organization-wide rows, figures unchanged.
 */
async function expectLineage(orgId: string, session: StaffSession, query: Record<string, string>): Promise<void> {
  const res = await get(session, query, orgId);
  expect(res.status).toBe(200);
  const api = res.body.items as Record<string, any>[];
  const { rows: all } = await demo.owner.query(LINEAGE, [orgId, query['periodStart'], query['periodEnd'], null]);
  const rows = all.filter((r) => !query['providerId'] || r.provider_id === query['providerId']);
  const rate = (ns: number, ex: number) => (ex > 0 ? Math.round((ns / ex) * 1000) / 1000 : null);
  for (const a of api) {
    const r = rows.find((x) => x.provider_id === a['providerId']);
    expect(r).toBeDefined();
    expect(r.patients.length).toBeGreaterThanOrEqual(5);
    expect(a).toMatchObject({
      notesCompletedCount: r.notes,
      activeCaseloadCount: r.patients.length,
      noShowCount: r.no_shows,
      lateCancelCount: r.late_cancels,
      noShowRate: rate(r.no_shows, r.expected),
    });
    if (a['avgDocumentationLagHours'] !== null) expect(a['avgDocumentationLagHours']).toBe(Math.round(r.lag_avg));
    if (a['documentationLagBins'] !== null)
      expect(a['documentationLagBins']).toEqual({ under24h: r.lag_under_24h, atLeast24h: r.lag_24_to_48h + r.lag_over_48h });
    if (Object.keys(a['sessionCountByCategory']).length > 0) expect(a['sessionCountByCategory']).toEqual(r.categories);
  }
  if (!query['siteId']) expect(api.length + res.body.suppressedProviderCount).toBe(rows.length);
  else {
    const { siteId: _site, ...everySite } = query;
    const org = (await get(session, everySite, orgId)).body.items as Record<string, any>[];
    for (const a of api) expect(org).toContainEqual(a);
  }
}

/** Hand-computed figures for March 2025 (see support/productivity-fixture.ts). */
function expectedMarch() {
  const base = { organizationId: fx.orgId, periodStart: '2025-03-01', periodEnd: '2025-03-31' };
  return {
    P1: {
      ...base,
      providerId: fx.providers.P1,
      siteId: fx.siteA,
      notesCompletedCount: 8,
      notesCompletedPerWeek: 1.8,
      avgDocumentationLagHours: 15,
      // Lags 1, 2, 3, 4, 5, 25, 30, 50 h: bins 5 / 3, so the distribution is withheld.
      documentationLagBins: null,
      activeCaseloadCount: 6,
      noShowCount: 1,
      noShowRate: 0.111,
      lateCancelCount: 1,
      // 6 therapy sessions and 2 assessments: the 2 would be a small cell (and 8 sessions follow from the no-show
      // rate), so no category is shown. The clinic cancellation and the April session count nowhere.
      sessionCountByCategory: {},
    },
    P5: {
      ...base,
      providerId: fx.providers.P5,
      siteId: fx.siteB,
      notesCompletedCount: 10,
      notesCompletedPerWeek: 2.3,
      avgDocumentationLagHours: 20,
      documentationLagBins: { under24h: 5, atLeast24h: 5 },
      activeCaseloadCount: 5,
      noShowCount: 0,
      noShowRate: 0,
      lateCancelCount: 0,
      sessionCountByCategory: { 'Group Services': 10 },
    },
  };
}

describe('GET /api/v1/hr/provider-productivity', () => {
  it('returns only org-scoped data and no PHI: aggregates and provider, site and organization ids only', async () => {
    const res = await get(hrAll, MARCH);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const row of res.body.items) {
      expect(Object.keys(row).sort()).toEqual(FIELDS);
      expect(row.organizationId).toBe(fx.orgId);
      if (row.providerId) expect(Object.values(fx.providers)).toContain(row.providerId);
    }
    const text = JSON.stringify(res.body);
    for (const id of [...fx.patients, ...fx.sessionIds]) expect(text).not.toContain(id);
    for (const name of [...fx.patientNames, 'Quillon', 'Fixture note body']) expect(text).not.toContain(name);
    expect(text).not.toMatch(/T\d{2}:\d{2}/); // no timestamps, only the period's dates
  });

  it('matches the hand-computed aggregates of the fixture month (note count, lag, caseload, no-shows, categories)', async () => {
    const res = await get(hrAll, MARCH);
    const e = expectedMarch();
    expect(byProvider(res.body.items)).toEqual(byProvider([e.P1, e.P5]));
    // P2, P3, P4 and P6 saw fewer than 5 patients: counted, never shown, not even added together.
    expect(res.body.suppressedProviderCount).toBe(4);
  });

  it('answers calendar months, quarters and years only: the same figures for the quarter, arbitrary spans refused', async () => {
    const e = expectedMarch();
    const q1 = await get(hrAll, { periodStart: '2025-01-01', periodEnd: '2025-03-31' });
    expect(q1.status).toBe(200);
    const withPeriod = (r: object, notesCompletedPerWeek: number) => ({
      ...r,
      periodStart: '2025-01-01',
      periodEnd: '2025-03-31',
      notesCompletedPerWeek,
    });
    expect(byProvider(q1.body.items)).toEqual(byProvider([withPeriod(e.P1, 0.6), withPeriod(e.P5, 0.8)]));
    for (const [periodStart, periodEnd, field] of [
      ['2025-02-15', '2025-04-01', 'periodStart'],
      ['2025-03-01', '2025-04-02', 'periodEnd'],
      ['2025-02-01', '2025-04-30', 'periodEnd'],
      ['2025-03-03', '2025-03-09', 'periodStart'],
    ] as const) {
      const res = await get(hrAll, { periodStart, periodEnd });
      expectProblem(res, 400);
      expect(res.body.errors.map((x: { field: string }) => x.field)).toEqual([field]);
    }
    // The year: P1's one April session (a seventh patient) is all the year adds to the first quarter, so the
    // year minus the quarter would be that one session: P1's year is withheld.
    const year = await get(hrAll, { periodStart: '2025-01-01', periodEnd: '2025-12-31' });
    expect(year.body.items.map((r: { providerId: string }) => r.providerId)).toEqual([fx.providers.P5]);
    expect(year.body.suppressedProviderCount).toBe(5);
  });

  it('small-n suppression: providers with fewer than 5 patients are only counted, never shown nor added together', async () => {
    const res = await get(hrAll, MARCH);
    const ids = res.body.items.map((r: { providerId: string }) => r.providerId);
    for (const small of [fx.providers.P2, fx.providers.P3, fx.providers.P4, fx.providers.P6]) expect(ids).not.toContain(small);
    expect(JSON.stringify(res.body)).not.toMatch(/"suppressed"|providerCount/);
    // Asked for by id, a small provider yields nothing but the count.
    expect((await get(hrAll, { ...MARCH, providerId: fx.providers.P2 })).body).toEqual({ items: [], suppressedProviderCount: 1 });
    // Site B's providers (home site B): P5, and P6 (2 patients) counted.
    const siteB = await get(hrAll, { ...MARCH, siteId: fx.siteB });
    expect(siteB.body).toEqual({ items: [expectedMarch().P5], suppressedProviderCount: 1 });
  });

  it('uses non-clinical buckets only: no raw service type, categories under 5 hidden, the mapping is admin-editable data', async () => {
    const res = await get(hrAll, MARCH);
    for (const row of res.body.items) {
      for (const [k, v] of Object.entries(row.sessionCountByCategory as Record<string, number>)) {
        expect(SESSION_CATEGORIES).toContain(k);
        expect(v).toBeGreaterThanOrEqual(5);
      }
    }
    expect(JSON.stringify(res.body)).not.toMatch(/sud-group|psychotherapy|intake/);
    // An administrator remaps the substance-use group to Other: the next report follows the data, no code change.
    const admin = await login(app, fx.emails.admin);
    const put = await as(app, admin, fx.orgId).put('/api/v1/pm/service-types/sud-group').send({ category: 'Other' });
    expect(put.status).toBe(200);
    try {
      const after = await get(hrAll, MARCH);
      expect(after.body.items.find((r: { providerId: string }) => r.providerId === fx.providers.P5).sessionCountByCategory).toEqual({
        'Group Services': 5,
        Other: 5,
      });
    } finally {
      expect((await as(app, admin, fx.orgId).put('/api/v1/pm/service-types/sud-group').send({ category: 'Group Services' })).status).toBe(
        200,
      );
    }
  });

  it('documentation lag does not correlate to identifiable sessions: whole hours, withheld under 5 notes or with a small bin', async () => {
    const res = await get(hrAll, MARCH);
    for (const row of res.body.items) {
      if (row.avgDocumentationLagHours !== null) {
        expect(Number.isInteger(row.avgDocumentationLagHours)).toBe(true);
        expect(row.notesCompletedCount).toBeGreaterThanOrEqual(5);
      }
      if (row.documentationLagBins)
        for (const n of Object.values(row.documentationLagBins) as number[]) expect(n === 0 || n >= 5).toBe(true);
    }
    // P1 signed 3 notes 24 h or more after the session: a bin under 5, so the distribution is withheld.
    expect(res.body.items.find((r: { providerId: string }) => r.providerId === fx.providers.P1).documentationLagBins).toBeNull();
    // No span shorter than a calendar month: one day's note cannot be asked for.
    expectProblem(await get(hrAll, { periodStart: '2025-03-13', periodEnd: '2025-03-14', providerId: fx.providers.P1 }), 400);
  });

  it('tenant A cannot see tenant B: an HR user of another organization is refused, and results never mix organizations', async () => {
    const cascadeHr = await login(app, 'hr@cascade.cairn.test');
    expectProblem(await get(cascadeHr, MARCH, fx.orgId), 403);
    const own = await get(cascadeHr, { periodStart: '2025-01-01', periodEnd: '2025-12-31' }, await demo.orgId('cascade'));
    expect(own.status).toBe(200);
    const cascade = await demo.orgId('cascade');
    for (const row of own.body.items) expect(row.organizationId).toBe(cascade);
    for (const p of Object.values(fx.providers)) expect(JSON.stringify(own.body)).not.toContain(p);
  });

  it('refuses roles without hr.productivity.view with 403 problem+json', async () => {
    expectProblem(await get(clinician, MARCH), 403);
    const frontDesk = await login(app, 'frontdesk@sonoran.cairn.test');
    expectProblem(await get(frontDesk, MARCH, await demo.orgId('sonoran')), 403);
    const noToken = await request(app.getHttpServer()).get(URL).query(MARCH);
    expectProblem(noToken, 401);
  });

  it('cross-site isolation: HR limited to site A sees site A only, cannot ask for site B or for every site', async () => {
    const a = await get(hrSiteA, { ...MARCH, siteId: fx.siteA });
    expect(a.status).toBe(200);
    // Site A's providers by home site: P1 shown; P2, P3 and P4 counted.
    expect(a.body).toEqual({ items: [expectedMarch().P1], suppressedProviderCount: 3 });
    expectProblem(await get(hrSiteA, { ...MARCH, siteId: fx.siteB }), 403);
    expectProblem(await get(hrSiteA, MARCH), 403);
  });

  it('answers 400 naming the parameter for malformed or out-of-range periods and ids', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ periodStart: '2025-3-1', periodEnd: '2025-03-31' }, 'periodStart'],
      [{ periodStart: '2025-03-01', periodEnd: '2025-02-30' }, 'periodEnd'],
      [{ periodStart: '2025-03-31', periodEnd: '2025-03-01' }, 'periodEnd'],
      [{ periodStart: '2024-01-01', periodEnd: '2025-03-01' }, 'periodEnd'],
      [{ periodStart: '2025-03-02', periodEnd: '2025-03-31' }, 'periodStart'],
      [{ periodStart: '2025-04-01', periodEnd: '2025-05-31' }, 'periodEnd'],
      [{ ...MARCH, siteId: 'site-a' }, 'siteId'],
      [{ ...MARCH, siteId: randomUUID() }, 'siteId'],
      [{ ...MARCH, providerId: "' OR 1=1 --" }, 'providerId'],
      [{ periodEnd: '2025-03-31' }, 'periodStart'],
    ];
    for (const [query, field] of cases) {
      const res = await get(hrAll, query);
      expectProblem(res, 400);
      expect(res.body.errors.map((x: { field: string }) => x.field)).toContain(field);
    }
  });

  it('parameter injection fuzzing: any periodStart/periodEnd/providerId/siteId strings give 200 or 400, never 500 or an SQL error', async () => {
    const nasty = fc.constantFrom(
      "' OR '1'='1",
      "2025-01-01'; DROP TABLE pm_appointments; --",
      "'; SELECT pg_sleep(5); --",
      '2025-13-01',
      '2025-02-30',
      '0000-00-00',
      '9999-12-31',
      '00000000-0000-0000-0000-000000000000',
      '%00',
      '\u0000',
      '\ud800',
      '',
      ' ',
      'NaN',
      '2025-01-01T00:00:00Z',
      '１２３',
      fx.siteB,
      fx.providers.P1,
    );
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      nasty,
      fc.date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.uuid(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ periodStart: value, periodEnd: value, providerId: value, siteId: value }, { requiredKeys: [] }),
        async (query) => {
          const res = await get(hrAll, query as Record<string, string>);
          expect([200, 400]).toContain(res.status);
          if (res.status === 400) {
            expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
            expect(res.body.errors.length).toBeGreaterThan(0);
            expect(JSON.stringify(res.body)).not.toMatch(/syntax|SQL|postgres|relation|function/i);
          }
        },
      ),
      { numRuns: 120, seed: 20261124 },
    );
    // Straight at the function, as the app role: only its own validation (22023) or permission (42501) errors.
    const hrUser = await demo.userId(fx.emails.hrAll);
    // A NUL byte cannot travel in a PostgreSQL text parameter at all (the API answers 400 before the database).
    const noNul = value.map((s) => s.split(String.fromCharCode(0)).join(''));
    await fc.assert(
      fc.asyncProperty(noNul, noNul, fc.option(noNul), fc.option(noNul), async (s, e, site, provider) => {
        const c = await appPool.connect();
        try {
          await c.query('BEGIN');
          await c.query(
            `SELECT set_config('app.org_id', $1, true), set_config('app.user_id', $2, true), set_config('app.site_ids', '*', true)`,
            [fx.orgId, hrUser],
          );
          const out = await c.query('SELECT * FROM get_provider_productivity($1, $2, $3, $4, $5)', [s, e, fx.orgId, site, provider]).then(
            () => 'ok',
            (err: { code?: string }) => err.code,
          );
          expect(['ok', '22023', '42501']).toContain(out);
        } finally {
          await c.query('ROLLBACK');
          c.release();
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  }, 120_000);

  it('data lineage: every aggregate equals the documented query over progress notes and appointments', async () => {
    const sonoran = await demo.orgId('sonoran');
    const hr = await login(app, 'hr@sonoran.cairn.test');
    await expectLineage(fx.orgId, hrAll, MARCH);
    await expectLineage(fx.orgId, hrAll, { ...MARCH, siteId: fx.siteA });
    await expectLineage(sonoran, hr, { periodStart: '2025-01-01', periodEnd: '2025-12-31' });
    await expectLineage(sonoran, hr, { periodStart: '2025-04-01', periodEnd: '2025-06-30' });
    await expectLineage(sonoran, hr, { periodStart: '2025-11-01', periodEnd: '2025-11-30' });
    await expectLineage(sonoran, hr, { periodStart: '2024-10-01', periodEnd: '2024-12-31' });
    await expectLineage(sonoran, hr, { periodStart: '2024-10-01', periodEnd: '2024-12-31', siteId: (await demo.sites('sonoran'))[0]!.id });
  }, 60_000);

  it('streams CSV for Accept: text/csv and for format=csv, with the same figures', async () => {
    const viaAccept = await get(hrAll, MARCH).set('Accept', 'text/csv');
    expect(viaAccept.status).toBe(200);
    expect(viaAccept.headers['content-type']).toMatch(/^text\/csv/);
    const lines = viaAccept.text.trim().split('\r\n');
    expect(lines[0]).toContain('providerId,siteId,organizationId,periodStart,periodEnd,notesCompletedCount,notesCompletedPerWeek');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith(fx.providers.P5))).toBe(
      `${fx.providers.P5},${fx.siteB},${fx.orgId},2025-03-01,2025-03-31,10,2.3,20,5,5,5,0,0,0,,10,,,,`,
    );
    const viaFormat = await get(hrAll, { ...MARCH, format: 'csv' });
    expect(viaFormat.text).toBe(viaAccept.text);
  });

  it('audits every call, allowed or refused, with the caller and the parameters, before the response', async () => {
    const hrAllId = await demo.userId(fx.emails.hrAll);
    const calls: [string, () => request.Test, string, string | null][] = [
      ['json', () => get(hrAll, MARCH), 'success', hrAllId],
      ['csv', () => get(hrAll, { ...MARCH, format: 'csv' }), 'success', hrAllId],
      ['guard', () => get(clinician, MARCH), 'denied', null],
      ['sql-permission', () => get(hrSiteA, { ...MARCH, siteId: fx.siteB }), 'denied', null],
      ['dto', () => get(hrAll, { periodStart: 'yesterday', periodEnd: '2025-03-31' }), 'failure', hrAllId],
      ['sql-validation', () => get(hrAll, { periodStart: '2024-01-01', periodEnd: '2025-12-31' }), 'failure', hrAllId],
      ['anonymous', () => request(app.getHttpServer()).get(URL).query(MARCH), 'denied', null],
    ];
    for (const [name, call, outcome, actor] of calls) {
      const requestId = randomUUID();
      const res = await call().set('X-Request-Id', requestId);
      const rows = await demo.auditEvents(`action = 'hr.provider-productivity.read' AND request_id = $1`, [requestId]);
      expect({ name, n: rows.length, outcome: rows[0]?.['outcome'] }).toEqual({ name, n: 1, outcome });
      const row = rows[0]!;
      if (actor) expect(row['actor_user_id']).toBe(actor);
      if (name !== 'anonymous') expect(row['actor_user_id']).not.toBeNull();
      const params = (row['scope'] as { parameters: Record<string, string> }).parameters;
      expect(params['periodEnd']).toBeDefined();
      expect(res.status).toBeGreaterThanOrEqual(200);
    }
  });

  it('gives clinical supervisors the rows of the providers they supervise (GET .../supervised), and only them', async () => {
    const Q4 = { periodStart: '2025-10-01', periodEnd: '2025-12-31' };
    const sonoran = await demo.orgId('sonoran');
    const [north, hr, nurseless] = await Promise.all([
      login(app, 'supervisor.north@sonoran.cairn.test'),
      login(app, 'hr@sonoran.cairn.test'),
      login(app, 'clinician@sonoran.cairn.test'),
    ]);
    const supervised = await as(app, north, sonoran).get(`${URL}/supervised`).query(Q4);
    expect(supervised.status).toBe(200);
    const orgWide = (await as(app, hr, sonoran).get(URL).query(Q4)).body.items as Record<string, any>[];
    // Supervisor (north) holds the role at Phoenix and Flagstaff and supervises the Flagstaff peer specialist (CL-19).
    const sites = new Set((await demo.bindingSites('supervisor.north@sonoran.cairn.test', 'sonoran')).siteIds);
    const peer = await demo.userId('peer.flagstaff@sonoran.cairn.test');
    expect(supervised.body.items.length).toBeGreaterThan(0);
    for (const row of supervised.body.items) {
      expect(orgWide).toContainEqual(row);
      expect(sites.has(row.siteId) || row.providerId === peer).toBe(true);
    }
    const expected = orgWide.filter((r) => sites.has(r['siteId']) || r['providerId'] === peer).map((r) => r['providerId']);
    expect(supervised.body.items.map((r: { providerId: string }) => r.providerId).sort()).toEqual(expected.sort());
    const csv = await as(app, north, sonoran)
      .get(`${URL}/supervised`)
      .query({ ...Q4, format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.text.trim().split('\r\n')).toHaveLength(supervised.body.items.length + 1);
    // The supervisor cannot read the organization-wide report; HR and a clinician cannot read the supervised one.
    expectProblem(await as(app, north, sonoran).get(URL).query(Q4), 403);
    expectProblem(await as(app, hr, sonoran).get(`${URL}/supervised`).query(Q4), 403);
    expectProblem(await as(app, nurseless, sonoran).get(`${URL}/supervised`).query(Q4), 403);
    expectProblem(
      await as(app, north, sonoran).get(`${URL}/supervised`).query({ periodStart: '2025-10-01', periodEnd: '2025-10-15' }),
      400,
    );
    const requestId = randomUUID();
    await as(app, north, sonoran).get(`${URL}/supervised`).query(Q4).set('X-Request-Id', requestId);
    const audit = await demo.auditEvents(`action = 'hr.provider-productivity.read' AND request_id = $1`, [requestId]);
    expect(audit).toHaveLength(1);
    expect((audit[0]!['scope'] as { parameters: Record<string, string> }).parameters['scope']).toBe('supervised');
  });

  it('keeps the rollups exact when appointments are rescheduled or change status and notes are signed through the API', async () => {
    const admin = await login(app, fx.emails.admin);
    const api = as(app, admin, fx.orgId);
    const book = async (patient: number, day: number) => {
      const res = await api.post('/api/v1/pm/appointments').send({
        siteId: fx.siteA,
        providerId: fx.providers.P1,
        patientId: fx.patients[patient - 1],
        serviceType: 'psychotherapy-45',
        startAt: `2025-03-${day}T15:00:00Z`,
        endAt: `2025-03-${day}T15:50:00Z`,
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const status = async (id: string, body: Record<string, string>) =>
      expect((await api.post(`/api/v1/pm/appointments/${id}/status`).send(body)).status).toBe(200);
    await status(await book(8, 20), { status: 'completed' });
    await status(await book(9, 21), { status: 'no_show' });
    await status(await book(1, 22), { status: 'late_cancelled', cancelledBy: 'patient' });
    const moved = await book(10, 23);
    expect(
      (
        await api
          .post(`/api/v1/pm/appointments/${moved}/reschedule`)
          .send({ startAt: '2025-04-10T15:00:00Z', endAt: '2025-04-10T15:50:00Z' })
      ).status,
    ).toBe(200);
    await status(moved, { status: 'completed' });
    const undone = await book(2, 24);
    await status(undone, { status: 'checked_in' });
    await status(undone, { status: 'cancelled', cancelledBy: 'clinic' }); // removes a counted session again
    await expectLineage(fx.orgId, hrAll, MARCH);
    await expectLineage(fx.orgId, hrAll, { periodStart: '2025-04-01', periodEnd: '2025-04-30' });
    const p1 = (await get(hrAll, MARCH)).body.items.find((r: { providerId: string }) => r.providerId === fx.providers.P1);
    expect(p1).toMatchObject({ activeCaseloadCount: 7, noShowCount: 2, lateCancelCount: 2 });

    // Notes signed through the API count on the day they are signed (today), with their lag from the session end.
    for (let i = 0; i < 5; i++) {
      const note = await api.post('/api/v1/progress-notes').send({
        patientId: fx.patients[i],
        sessionStart: `2025-03-2${i}T15:00:00Z`,
        sessionEnd: `2025-03-2${i}T15:50:00Z`,
        body: 'Fixture note body',
      });
      expect(note.status).toBe(201);
      expect((await api.post(`/api/v1/progress-notes/${note.body.id}/sign`)).status).toBe(200);
    }
    const now = new Date();
    const thisMonth = {
      periodStart: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10),
      periodEnd: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).toISOString().slice(0, 10),
    };
    await expectLineage(fx.orgId, hrAll, thisMonth);
    const adminId = await demo.userId(fx.emails.admin);
    await expectLineage(fx.orgId, hrAll, { ...thisMonth, providerId: adminId });
    const recent = (await get(hrAll, thisMonth)).body.items;
    expect(recent).toEqual([expect.objectContaining({ providerId: adminId, notesCompletedCount: 5, activeCaseloadCount: 5 })]);
  }, 60_000);
});
