import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { createProductivityFixture, ProductivityFixture } from './support/productivity-fixture';
import { as, login, StaffSession } from './support/staff-api';

/**
 * Differencing attacks on the provider productivity report (issue 15, item 3; ADR 0012; the PIA
 * docs/privacy/provider-productivity-pia.md). Each answer on its own suppresses correctly; these tests play an
 * HR user who asks several questions and subtracts the answers, and check that no figure the report withholds
 * (a provider with fewer than 5 patients, a month it withheld, one day's notes) can be computed back.
 *
 * The attacker only uses what the API answers: a refused question (400) gives it nothing. Against the code
 * before ADR 0012 (arbitrary spans, a folded row per answer, site answers as sub-totals) every attack here
 * recovers a withheld figure.
 */
const URL = '/api/v1/hr/provider-productivity';
type Row = Record<string, any>;

let app: INestApplication;
const demo = new DemoFixture();
let fx: ProductivityFixture;
let hr: StaffSession;

/** The fixture's March (support/productivity-fixture.ts), plus P4 with 5 patients in January and in February. */
beforeAll(async () => {
  app = await bootApi();
  fx = await createProductivityFixture(demo.owner);
  const c = await demo.owner.connect();
  try {
    await c.query('BEGIN');
    for (const [month, first] of [
      ['01', 6],
      ['02', 3],
    ] as const) {
      for (let i = 0; i < 5; i++) {
        const day = `2025-${month}-${String(first + i).padStart(2, '0')}`;
        const appointmentId = randomUUID();
        const patient = fx.patients[2 + i]; // patients 3..7
        await c.query(
          `INSERT INTO pm_appointments (organization_id, id, site_id, provider_id, patient_id, service_type, start_at, end_at, status)
           VALUES ($1, $2, $3, $4, $5, 'psychotherapy-45', $6::timestamptz, $6::timestamptz + interval '50 minutes', 'completed')`,
          [fx.orgId, appointmentId, fx.siteA, fx.providers.P4, patient, `${day}T10:00:00Z`],
        );
        await c.query(
          `INSERT INTO cl_progress_notes (organization_id, id, site_id, patient_id, appointment_id, author_id, session_start, session_end, status, body, signed_at, signed_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $7::timestamptz + interval '50 minutes', 'signed', 'Fixture note body',
                   $7::timestamptz + interval '5 hours', $6)`,
          [fx.orgId, randomUUID(), fx.siteA, patient, appointmentId, fx.providers.P4, `${day}T10:00:00Z`],
        );
      }
    }
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
  hr = await login(app, fx.emails.hrAll);
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

/** The rows of one answer, or undefined when the API refuses the question. */
async function ask(query: Record<string, string>): Promise<Row[] | undefined> {
  const res = await as(app, hr, fx.orgId).get(URL).query(query);
  if (res.status === 400) return undefined;
  expect(res.status).toBe(200);
  return res.body.items as Row[];
}

const day = (d: number) => `2025-03-${String(d).padStart(2, '0')}`;
const providerRow = (rows: Row[] | undefined, providerId: string) => rows?.find((r) => r['providerId'] === providerId);
const cats = (r: Row | undefined): Record<string, number> => (r?.['sessionCountByCategory'] as Record<string, number>) ?? {};

/** Every additive figure of an answer, summed over its rows (the folded row too, when there is one). */
function totals(rows: Row[]): Record<string, number> {
  const t: Record<string, number> = {};
  const add = (k: string, v: unknown) => {
    if (typeof v === 'number') t[k] = (t[k] ?? 0) + v;
  };
  for (const r of rows) {
    for (const k of ['notesCompletedCount', 'activeCaseloadCount', 'noShowCount', 'lateCancelCount', 'providerCount']) add(k, r[k]);
    for (const [c, n] of Object.entries(cats(r))) add(`sessions: ${c}`, n);
  }
  return t;
}

describe('provider productivity survives differencing', () => {
  it('two overlapping periods do not reveal the notes of a single day (count or lag)', async () => {
    // P1 signed one note on 13 March, 50 hours after its session. The attacker asks for every span that ends a
    // day later than another and subtracts: notes, and average lag times notes (the lag sum).
    const spans: [string, string][] = [];
    for (let d = 2; d <= 31; d++) spans.push([day(1), day(d)]);
    for (let d = 1; d < 31; d++) spans.push([day(d), day(31)]);
    const answers = new Map<string, Row | undefined>();
    for (const [s, e] of spans) answers.set(`${s}/${e}`, providerRow(await ask({ periodStart: s, periodEnd: e }), fx.providers.P1));
    const recovered: { day: string; notes: number; lagHours: number | null }[] = [];
    for (let d = 2; d < 31; d++) {
      const a = answers.get(`${day(1)}/${day(d)}`);
      const b = answers.get(`${day(1)}/${day(d + 1)}`);
      if (!a || !b) continue;
      const notes = b['notesCompletedCount'] - a['notesCompletedCount'];
      const lag =
        a['avgDocumentationLagHours'] !== null && b['avgDocumentationLagHours'] !== null
          ? b['avgDocumentationLagHours'] * b['notesCompletedCount'] - a['avgDocumentationLagHours'] * a['notesCompletedCount']
          : null;
      if (notes > 0) recovered.push({ day: day(d + 1), notes, lagHours: lag });
    }
    // Before ADR 0012: [{ day: '2025-03-13', notes: 1, lagHours: 50 }, ...] — one note, and its exact lag.
    expect(recovered).toEqual([]);
  });

  it('the organization-wide answer minus the site answers reveals nothing beyond the rows they show', async () => {
    // Before ADR 0012 each answer folded its own small providers: every site minus site A and site B left P6
    // (site B's only small provider, whose row site B omits) as a residue: 1 provider, 2 patients, 2 sessions.
    const period = { periodStart: '2025-03-01', periodEnd: '2025-03-31' };
    const org = await ask(period);
    expect(org).toBeDefined();
    const bySite = [await ask({ ...period, siteId: fx.siteA }), await ask({ ...period, siteId: fx.siteB })];
    const residue = totals(org!);
    for (const rows of bySite) for (const [k, v] of Object.entries(totals(rows ?? []))) residue[k] = (residue[k] ?? 0) - v;
    expect(Object.fromEntries(Object.entries(residue).filter(([, v]) => v !== 0))).toEqual({});
    // And no provider the organization-wide answer withholds appears in a site's answer.
    const shown = new Set(org!.map((r) => r['providerId']));
    for (const rows of bySite) for (const r of rows ?? []) expect(shown.has(r['providerId'])).toBe(true);
  });

  it('a quarter minus two of its months does not reveal a provider withheld in the third month', async () => {
    // P4 saw 5 patients in January, 5 in February and 2 in March: withheld in March, shown in the quarter.
    const months: [string, string][] = [
      ['2025-01-01', '2025-01-31'],
      ['2025-02-01', '2025-02-28'],
      ['2025-03-01', '2025-03-31'],
    ];
    const quarter = await ask({ periodStart: '2025-01-01', periodEnd: '2025-03-31' });
    const monthly = await Promise.all(months.map(([s, e]) => ask({ periodStart: s, periodEnd: e })));
    const recovered: Record<string, unknown>[] = [];
    for (const q of quarter ?? []) {
      if (!q['providerId']) continue;
      const rows = monthly.map((m) => providerRow(m, q['providerId']));
      const missing = rows.findIndex((r) => r === undefined);
      if (missing < 0 || rows.filter((r) => r === undefined).length !== 1) continue;
      const known = rows.filter((r): r is Row => r !== undefined);
      const minus = (k: string) => known.reduce((t, r) => t - r[k], q[k] as number);
      const categories: Record<string, number> = {};
      for (const [c, n] of Object.entries(cats(q))) {
        if (known.every((r) => cats(r)[c] !== undefined)) categories[c] = known.reduce((t, r) => t - cats(r)[c]!, n);
      }
      recovered.push({
        providerId: q['providerId'],
        month: months[missing]![0],
        notes: minus('notesCompletedCount'),
        noShows: minus('noShowCount'),
        categories,
      });
    }
    // Before ADR 0012: P4's March, withheld in March's answer, as { notes: 0, noShows: 0, categories: { 'Individual Therapy': 2 } }.
    expect(recovered).toEqual([]);
    // P4 is still reported for the quarter: the protection hides a second month, not the quarter.
    expect(providerRow(quarter, fx.providers.P4)).toMatchObject({ activeCaseloadCount: 7 });
  });

  it('a year minus its quarters does not reveal the quarters it withholds', async () => {
    // P1: Q1 with 6 patients, and one session with a seventh patient in April (Q2, withheld). Before ADR 0012 the
    // year was shown, so the year minus Q1 was that one April session.
    const year = await ask({ periodStart: '2025-01-01', periodEnd: '2025-12-31' });
    const quarters = await Promise.all(
      [
        ['2025-01-01', '2025-03-31'],
        ['2025-04-01', '2025-06-30'],
        ['2025-07-01', '2025-09-30'],
        ['2025-10-01', '2025-12-31'],
      ].map(([s, e]) => ask({ periodStart: s!, periodEnd: e! })),
    );
    const recovered: Record<string, unknown>[] = [];
    for (const y of year ?? []) {
      const known = quarters.map((q) => providerRow(q, y['providerId'])).filter((r): r is Row => r !== undefined);
      if (known.length === 4) continue;
      const rest = (k: string) => known.reduce((t, r) => t - r[k], y[k] as number);
      const categories: Record<string, number> = {};
      for (const [c, n] of Object.entries(cats(y))) categories[c] = known.reduce((t, r) => t - (cats(r)[c] ?? 0), n);
      const residue = {
        notes: rest('notesCompletedCount'),
        noShows: rest('noShowCount'),
        lateCancels: rest('lateCancelCount'),
        categories,
      };
      if (residue.notes || residue.noShows || residue.lateCancels || Object.values(categories).some((n) => n !== 0))
        recovered.push({ providerId: y['providerId'], ...residue });
    }
    // Before ADR 0012: P1's April, { categories: { 'Individual Therapy': 1 } } (and P4's March, withheld in March).
    expect(recovered).toEqual([]);
  });

  it('a provider withheld for a period is not in any answer for that period, nor in a sum the attacker can isolate', async () => {
    // P2, P3 and P6 saw fewer than 5 patients in March: no answer about March names them or carries their figures
    // apart from the others'. Before ADR 0012 the site A answer folded P2, P3 and P4 and the organization-wide one
    // P2, P3, P4 and P6, so their difference was P6 alone.
    const period = { periodStart: '2025-03-01', periodEnd: '2025-03-31' };
    const answers = [await ask(period), await ask({ ...period, siteId: fx.siteA }), await ask({ ...period, siteId: fx.siteB })];
    const folded = answers.map((rows) => rows?.find((r) => r['suppressed'] === true && r['notesCompletedCount'] !== undefined));
    const counts = folded.map((r) => r?.['providerCount'] as number | undefined);
    // Two folded rows whose provider counts differ by one single out a provider.
    for (const a of counts) for (const b of counts) if (a !== undefined && b !== undefined) expect(Math.abs(a - b)).not.toBe(1);
    for (const rows of answers) {
      for (const small of [fx.providers.P2, fx.providers.P3, fx.providers.P6]) expect(providerRow(rows, small)).toBeUndefined();
    }
  });
});
