import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// GET /api/v1/charges (PM-07) and the fee schedule routes. Charges are written as the owner, as the worker's
// consumer would have created them (the consumer itself: libs/pm/src/processors/charge-creation.processor.int-spec.ts).
let app: INestApplication;
const demo = new DemoFixture();
let billing: StaffSession;
let hr: StaffSession;
let cascadeAdmin: StaffSession;
let sonoran: string;
let cascade: string;
let sites: { id: string; code: string }[];
let provider: string;
/** A real chart outside Part 2: the charges list asks cl_check_sud_consent per chart, and withholds unknown charts. */
let plainChart: string;

beforeAll(async () => {
  app = await bootApi();
  [billing, hr, cascadeAdmin] = await Promise.all([
    login(app, 'billing@sonoran.cairn.test'),
    login(app, 'hr@sonoran.cairn.test'),
    login(app, 'admin@cascade.cairn.test'),
  ]);
  sonoran = await demo.orgId('sonoran');
  cascade = await demo.orgId('cascade');
  sites = await demo.sites('sonoran');
  provider = await demo.userId('clinician@sonoran.cairn.test');
  plainChart = (
    await demo.owner.query(`SELECT id FROM cl_charts WHERE organization_id = $1 AND NOT is_part2 ORDER BY id LIMIT 1`, [sonoran])
  ).rows[0].id;
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

interface ChargeRow {
  org?: string;
  site?: string;
  sessionId?: string | null;
  patientId?: string;
  chartId?: string;
  status?: 'ready' | 'on_hold';
  serviceDate?: string;
  sourceType?: string;
  /** The proposed and final code (default: 90849 proposed, 90853 billed) and their modifiers. */
  code?: string;
  modifiers?: string[];
  /** Default 4200. */
  amountCents?: number;
}
async function insertCharge(c: ChargeRow = {}): Promise<{ id: string; sourceId: string; patientId: string }> {
  const id = randomUUID();
  const sourceId = randomUUID();
  const patientId = c.patientId ?? randomUUID();
  const onHold = c.status === 'on_hold';
  const sourceType = c.sourceType ?? 'group_encounter_generation';
  await demo.owner.query(
    `
    INSERT INTO pm_charges (organization_id, id, source_type, source_id, encounter_id, patient_id, chart_id, site_id, service_date,
      rendering_provider_id, group_session_id, duration_minutes, proposed_code, proposed_modifiers, final_code, final_modifiers, units,
      unit_basis, rate_cents, amount_cents, status, hold_reason, fee_schedule_entry_id, jurisdiction_profile_key)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 60, $19, $20, $12, $20, $13, $14, $15, $16, $17, $18, NULL, 'us-az-ahcccs')`,
    [
      c.org ?? sonoran,
      id,
      sourceType,
      sourceId,
      randomUUID(),
      patientId,
      c.chartId ?? plainChart,
      c.site ?? sites[0]!.id,
      c.serviceDate ?? '2026-05-04',
      provider,
      sourceType === 'peer_encounter' ? null : c.sessionId === undefined ? randomUUID() : c.sessionId,
      onHold ? null : (c.code ?? '90853'),
      onHold ? 0 : 1,
      onHold ? null : 'per_session',
      onHold ? null : (c.amountCents ?? 4200),
      onHold ? null : (c.amountCents ?? 4200),
      onHold ? 'on_hold' : 'ready',
      onHold ? 'no_fee_schedule_entry' : null,
      c.code ?? '90849',
      c.modifiers ?? [],
    ],
  );
  return { id, sourceId, patientId };
}

const charges = (session: StaffSession, query: string, org?: string) => as(app, session, org).get(`/api/v1/charges${query}`);

/** A charge withheld for want of a Part 2 consent, exactly: its id and why, every other field null. */
function withheldCharge(id: string) {
  return {
    id,
    status: null,
    holdReason: null,
    source: null,
    encounterId: null,
    patientId: null,
    chartId: null,
    siteId: null,
    serviceDate: null,
    renderingProviderId: null,
    durationMinutes: null,
    proposed: null,
    final: null,
    units: null,
    unitBasis: null,
    rateCents: null,
    amountCents: null,
    feeScheduleEntryId: null,
    jurisdictionProfileKey: null,
    consentRequired: true,
    withheldReason: 'part2_consent_required',
    part2Notice: null,
    createdAt: null,
    lifecycle: null,
  };
}

/** A body holding only a withheld charge must not contain its code, modifiers, date, source, patient or chart. */
function expectNothingOf(text: string, c: { sourceId: string }, chart: { patient_id: string; chart_id: string }) {
  for (const secret of ['H0005', '"HF"', '"HQ"', '2026-05-04', c.sourceId, chart.patient_id, chart.chart_id, '4200']) {
    expect(text).not.toContain(secret);
  }
}

const CSV_COLUMNS = [
  'id',
  'consentRequired',
  'withheldReason',
  'status',
  'holdReason',
  'sourceType',
  'sourceId',
  'sessionId',
  'encounterId',
  'patientId',
  'chartId',
  'siteId',
  'serviceDate',
  'renderingProviderId',
  'durationMinutes',
  'proposedCode',
  'proposedModifiers',
  'finalCode',
  'finalModifiers',
  'units',
  'unitBasis',
  'rateCents',
  'amountCents',
  'feeScheduleEntryId',
  'jurisdictionProfileKey',
  'part2Notice',
  'createdAt',
];

/** Sonoran's Part 2 demo charts with cl_check_sud_consent's answer for the billing coordinator's billing records. */
async function part2ChartsForBilling(): Promise<{ chart_id: string; patient_id: string; site_id: string; ok: boolean }[]> {
  const billingUser = await demo.userId('billing@sonoran.cairn.test');
  const c = await demo.owner.connect();
  try {
    await c.query('BEGIN');
    await c.query(`SELECT set_config('app.org_id', $1, true)`, [sonoran]);
    const { rows } = await c.query(
      `SELECT ch.id AS chart_id, ch.patient_id, p.site_id, cl_check_sud_consent(ch.id, 'billing', $2) AS ok
       FROM cl_charts ch JOIN cl_patients p ON p.organization_id = ch.organization_id AND p.id = ch.patient_id
       WHERE ch.organization_id = $1 AND ch.is_part2 ORDER BY ch.id`,
      [sonoran, billingUser],
    );
    await c.query('COMMIT');
    return rows;
  } finally {
    c.release();
  }
}

describe('GET /api/v1/charges', () => {
  it("withholds a Part 2 chart's charge from billing without a consent covering billing records: its id and why, nothing else", async () => {
    const charts = await part2ChartsForBilling();
    const closed = charts.find((c) => !c.ok)!;
    const open = charts.find((c) => c.ok)!;
    expect([closed, open].every(Boolean)).toBe(true);
    const sessionId = randomUUID();
    const sud = { code: 'H0005', modifiers: ['HF', 'HQ'] };
    const hidden = await insertCharge({ sessionId, patientId: closed.patient_id, chartId: closed.chart_id, site: closed.site_id, ...sud });
    const shown = await insertCharge({ sessionId, patientId: open.patient_id, chartId: open.chart_id, site: open.site_id, ...sud });
    const plain = await insertCharge({ sessionId });
    const res = await charges(billing, `?sessionId=${sessionId}`);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((i: any) => [i.id, i]));
    expect(byId.get(hidden.id)).toStrictEqual(withheldCharge(hidden.id));
    // Nowhere in a body holding it alone: the code, its modifiers, the date, amount, source, patient or chart.
    const aloneSession = randomUUID();
    const alone = await insertCharge({
      sessionId: aloneSession,
      patientId: closed.patient_id,
      chartId: closed.chart_id,
      site: closed.site_id,
      ...sud,
    });
    const aloneRes = await charges(billing, `?sessionId=${aloneSession}`);
    expect(aloneRes.body.items).toStrictEqual([withheldCharge(alone.id)]);
    expectNothingOf(aloneRes.text, alone, closed);
    expect(res.text).not.toContain(hidden.sourceId);
    expect(res.text).not.toContain(closed.patient_id);
    expect(res.text).not.toContain(closed.chart_id);
    // A shown charge of a Part 2 chart carries the §2.32 notice; a charge of another chart does not.
    expect(byId.get(shown.id)).toMatchObject({
      consentRequired: false,
      withheldReason: null,
      patientId: open.patient_id,
      chartId: open.chart_id,
      final: { code: 'H0005', modifiers: ['HF', 'HQ'] },
      part2Notice: expect.stringContaining('42 CFR part 2'),
    });
    expect(byId.get(plain.id)).toMatchObject({ consentRequired: false, patientId: plain.patientId, part2Notice: null });
    const [row] = await demo.auditEvents(`action = 'charge.list' AND scope->'resultChargeIds' ? $1`, [hidden.id]);
    expect(row).toMatchObject({
      scope: expect.objectContaining({
        part2Withheld: 1,
        part2Denied: true,
        part2WithheldChargeIds: [hidden.id],
        part2NoticeApplies: true,
        part2ChargeIds: [shown.id],
      }),
    });
    expect((row!['scope'] as { resultPatientIds: string[] }).resultPatientIds).not.toContain(closed.patient_id);
  });

  it('never matches a withheld charge by its own facts: a patient filter does not tell that the chart is under Part 2', async () => {
    const closed = (await part2ChartsForBilling()).find((c) => !c.ok)!;
    const sessionId = randomUUID();
    const hidden = await insertCharge({
      sessionId,
      patientId: closed.patient_id,
      chartId: closed.chart_id,
      site: closed.site_id,
      code: 'H0005',
    });
    const plain = await insertCharge({ sessionId });
    const ids = async (q: string) => {
      const res = await charges(billing, `?sessionId=${sessionId}${q}`);
      expect(res.status).toBe(200);
      return (res.body.items as { id: string }[]).map((i) => i.id).sort();
    };
    expect(await ids('')).toEqual([hidden.id, plain.id].sort());
    expect(await ids(`&patientId=${closed.patient_id}`)).toEqual([]);
    expect((await charges(billing, `?patientId=${closed.patient_id}`)).body.total).toBe(0);
    expect(await ids('&status=ready')).toEqual([plain.id]);
    expect(await ids('&status=on_hold')).toEqual([]);
    expect(await ids('&sourceType=group_encounter_generation')).toEqual([plain.id]);
  });

  it('exports the filtered charges as CSV, masked the same way, and audits the export', async () => {
    const charts = await part2ChartsForBilling();
    const closed = charts.find((c) => !c.ok)!;
    const open = charts.find((c) => c.ok)!;
    const sessionId = randomUUID();
    const hidden = await insertCharge({
      sessionId,
      patientId: closed.patient_id,
      chartId: closed.chart_id,
      site: closed.site_id,
      code: 'H0005',
      modifiers: ['HF', 'HQ'],
    });
    const shown = await insertCharge({ sessionId, patientId: open.patient_id, chartId: open.chart_id, site: open.site_id, code: 'H0038' });
    const plain = await insertCharge({ sessionId, status: 'on_hold' });
    for (const res of [
      await charges(billing, `?sessionId=${sessionId}&format=csv`),
      await as(app, billing).get(`/api/v1/charges?sessionId=${sessionId}`).set('Accept', 'text/csv'),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.text.trim().split('\r\n');
      expect(lines[0]).toBe(CSV_COLUMNS.join(','));
      expect(lines).toHaveLength(4);
      const cells = new Map(lines.slice(1).map((l) => [l.split(',')[0], l.split(',')]));
      // The withheld line: its id, true, the reason, and empty cells; no SUD code anywhere in the file.
      expect(cells.get(hidden.id)).toEqual([hidden.id, 'true', 'part2_consent_required', ...Array(CSV_COLUMNS.length - 3).fill('')]);
      expect(res.text).not.toContain('H0005');
      expect(res.text).not.toContain(hidden.sourceId);
      expect(res.text).not.toContain(closed.patient_id);
      expect(res.text).not.toContain(closed.chart_id);
      const shownLine = cells.get(shown.id)!;
      expect(shownLine[CSV_COLUMNS.indexOf('finalCode')]).toBe('H0038');
      expect(shownLine[CSV_COLUMNS.indexOf('patientId')]).toBe(open.patient_id);
      expect(shownLine[CSV_COLUMNS.indexOf('part2Notice')]).toContain('42 CFR part 2');
      expect(cells.get(plain.id)![CSV_COLUMNS.indexOf('status')]).toBe('on_hold');
      const [event] = await demo.auditEvents(`action = 'charge.export' AND request_id = $1`, [res.headers['x-request-id']]);
      expect(event).toMatchObject({
        outcome: 'success',
        scope: expect.objectContaining({ format: 'csv', rows: 3, part2Withheld: 1, part2WithheldChargeIds: [hidden.id] }),
      });
    }
  });

  it('answers 400 naming format for an unknown format, 403 without the permission, and 422 past the export limit', async () => {
    const bad = await charges(billing, '?format=xml');
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('format');
    const inverted = await charges(billing, '?format=csv&from=2026-05-02&to=2026-05-01');
    expectProblem(inverted, 400);
    expect(inverted.body.errors[0].field).toBe('to');
    expectProblem(await charges(hr, '?format=csv'), 403);
    // 10,001 charges on one day of 1991 (no other test uses it): more than one export may hold.
    await demo.owner.query(
      `INSERT INTO pm_charges (organization_id, id, source_type, source_id, encounter_id, patient_id, chart_id, site_id, service_date,
         rendering_provider_id, group_session_id, duration_minutes, proposed_code, proposed_modifiers, final_code, final_modifiers, units,
         unit_basis, rate_cents, amount_cents, status, hold_reason, fee_schedule_entry_id, jurisdiction_profile_key)
       SELECT $1, gen_random_uuid(), 'group_encounter_generation', gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), $2, $3, '1991-03-04', $4,
         gen_random_uuid(), 60, '90853', '{}', '90853', '{}', 1, 'per_session', 100, 100, 'ready', NULL, NULL, 'us-az-ahcccs'
       FROM generate_series(1, 10001)`,
      [sonoran, plainChart, sites[0]!.id, provider],
    );
    const tooMany = await charges(billing, '?format=csv&from=1991-03-04&to=1991-03-04');
    expectProblem(tooMany, 422);
    expect(tooMany.body.errors[0].field).toBe('from');
    // Charges are never deleted (pm_charges_guard, ADR 0011): the test's own scaffolding is removed by the table's owner
    // with the guard off for that one statement, in one transaction, so no other session ever runs unguarded.
    const c = await demo.owner.connect();
    try {
      await c.query(`BEGIN`);
      await c.query(`ALTER TABLE pm_charges DISABLE TRIGGER pm_charges_guard`);
      await c.query(`DELETE FROM pm_charges WHERE organization_id = $1 AND service_date = '1991-03-04'`, [sonoran]);
      await c.query(`ALTER TABLE pm_charges ENABLE TRIGGER pm_charges_guard`);
      await c.query(`COMMIT`);
    } finally {
      c.release();
    }
  });

  it("lists a session's charges with their source and proposed vs final code, and audits the read", async () => {
    const sessionId = randomUUID();
    const ready = await insertCharge({ sessionId });
    const held = await insertCharge({ sessionId, status: 'on_hold' });
    const res = await charges(billing, `?sessionId=${sessionId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 50, total: 2 });
    const byId = new Map(res.body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(ready.id)).toMatchObject({
      status: 'ready',
      holdReason: null,
      source: { type: 'group_encounter_generation', id: ready.sourceId, sessionId },
      proposed: { code: '90849', modifiers: [] },
      final: { code: '90853', modifiers: [] },
      units: 1,
      amountCents: 4200,
      serviceDate: '2026-05-04',
      patientId: ready.patientId,
      jurisdictionProfileKey: 'us-az-ahcccs',
    });
    expect(byId.get(held.id)).toMatchObject({
      status: 'on_hold',
      holdReason: 'no_fee_schedule_entry',
      final: { code: null, modifiers: [] },
      units: 0,
    });
    const audit = await demo.auditEvents(`action = 'charge.list' AND scope->>'total' = '2' AND scope->'resultChargeIds' ? $1`, [ready.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'success', organization_id: sonoran });
    expect((audit[0]!['scope'] as { filters: string[] }).filters).toEqual(['sessionId']);
  });

  it('filters by status, site, service date range, source type and patient', async () => {
    const sessionId = randomUUID();
    const patient = randomUUID();
    const a = await insertCharge({ sessionId, patientId: patient, serviceDate: '2026-05-01' });
    const b = await insertCharge({ sessionId, status: 'on_hold', serviceDate: '2026-05-10', site: sites[1]!.id });
    const ids = async (q: string) => (await charges(billing, `?sessionId=${sessionId}${q}`)).body.items.map((i: { id: string }) => i.id);
    expect(await ids('&status=on_hold')).toEqual([b.id]);
    expect(await ids(`&siteId=${sites[0]!.id}`)).toEqual([a.id]);
    expect(await ids('&from=2026-05-02&to=2026-05-31')).toEqual([b.id]);
    expect(await ids('&to=2026-05-01')).toEqual([a.id]);
    expect(await ids(`&patientId=${patient}`)).toEqual([a.id]);
    expect(await ids('&sourceType=peer_encounter')).toEqual([]);
    const peer = await insertCharge({ sourceType: 'peer_encounter', patientId: patient });
    expect(
      (await charges(billing, `?sourceType=peer_encounter&patientId=${patient}`)).body.items.map(
        (i: { id: string; source: { sessionId: null } }) => [i.id, i.source.sessionId],
      ),
    ).toEqual([[peer.id, null]]);
  });

  it('paginates, newest service date first', async () => {
    const sessionId = randomUUID();
    for (const d of ['2026-04-01', '2026-04-03', '2026-04-02']) await insertCharge({ sessionId, serviceDate: d });
    const first = await charges(billing, `?sessionId=${sessionId}&pageSize=2`);
    const second = await charges(billing, `?sessionId=${sessionId}&pageSize=2&page=2`);
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.body.items.map((i: { serviceDate: string }) => i.serviceDate)).toEqual(['2026-04-03', '2026-04-02']);
    expect(second.body.items.map((i: { serviceDate: string }) => i.serviceDate)).toEqual(['2026-04-01']);
  });

  it('sorts by service date, amount or status, withheld Part 2 charges after the shown ones (by service date) when sorted by what they hide', async () => {
    const closed = (await part2ChartsForBilling()).find((c) => !c.ok)!;
    const sessionId = randomUUID();
    const part2 = { sessionId, patientId: closed.patient_id, chartId: closed.chart_id, site: closed.site_id };
    const a = await insertCharge({ sessionId, serviceDate: '2026-04-01', amountCents: 9000 });
    const b = await insertCharge({ sessionId, serviceDate: '2026-04-03', amountCents: 100 });
    const held = await insertCharge({ sessionId, serviceDate: '2026-04-02', status: 'on_hold' });
    // Withheld: the smallest and the largest amount, so a naive sort would put them first and last.
    const w1 = await insertCharge({ ...part2, serviceDate: '2026-04-05', amountCents: 1 });
    const w2 = await insertCharge({ ...part2, serviceDate: '2026-03-01', amountCents: 999_999 });
    const ids = async (q: string) => {
      const res = await charges(billing, `?sessionId=${sessionId}${q}`);
      expect(res.status).toBe(200);
      return res.body.items.map((i: { id: string }) => i.id);
    };
    expect(await ids('')).toEqual([w1.id, b.id, held.id, a.id, w2.id]);
    expect(await ids('&sort=-serviceDate')).toEqual([w1.id, b.id, held.id, a.id, w2.id]);
    expect(await ids('&sort=serviceDate')).toEqual([w2.id, a.id, held.id, b.id, w1.id]);
    expect(await ids('&sort=amount')).toEqual([b.id, a.id, held.id, w1.id, w2.id]);
    expect(await ids('&sort=-amount')).toEqual([a.id, b.id, held.id, w1.id, w2.id]);
    expect(await ids('&sort=status')).toEqual([held.id, b.id, a.id, w1.id, w2.id]);
    expect(await ids('&sort=-status')).toEqual([b.id, a.id, held.id, w1.id, w2.id]);
    // Pages run across the shown and the withheld charges without a gap or a repeat.
    const pages = await Promise.all([1, 2, 3].map((p) => charges(billing, `?sessionId=${sessionId}&sort=amount&pageSize=2&page=${p}`)));
    expect(pages.map((p) => p.body.total)).toEqual([5, 5, 5]);
    expect(pages.flatMap((p) => p.body.items.map((i: { id: string }) => i.id))).toEqual([b.id, a.id, held.id, w1.id, w2.id]);
    const [row] = await demo.auditEvents(
      `action = 'charge.list' AND scope->'sort'->>'field' = 'amount' AND scope->'resultChargeIds' ? $1`,
      [w1.id],
    );
    expect(row).toBeDefined();
  });

  it('answers 400 naming sort for a field it does not sort by', async () => {
    for (const q of ['?sort=patientId', '?sort=amount,status', '?sort=--amount', '?sort=']) {
      const res = await charges(billing, q);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['sort']);
      expect(JSON.stringify(res.body)).toContain('sort must be one of serviceDate, -serviceDate, amount, -amount, status, -status');
    }
  });

  it('answers 400 naming the field for bad filters', async () => {
    for (const [q, field] of [
      ['?status=paid', 'status'],
      ['?from=2026-13-01', 'from'],
      ['?to=2026-02-30', 'to'],
      ['?sessionId=x', 'sessionId'],
      ['?sourceType=manual', 'sourceType'],
      ['?pageSize=1000', 'pageSize'],
      ['?from=2026-05-02&to=2026-05-01', 'to'],
    ] as const) {
      const res = await charges(billing, q);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('refuses HR (no pm.charges.view) with 403', async () => {
    expectProblem(await charges(hr, ''), 403);
  });

  it('shows a site-limited supervisor only the charges of their sites', async () => {
    const north = await login(app, 'supervisor.north@sonoran.cairn.test'); // Phoenix and Flagstaff only
    const tucson = sites.find((s) => s.code === 'TUC')!.id;
    const phoenix = sites.find((s) => s.code === 'PHX')!.id;
    const sessionId = randomUUID();
    const atTucson = await insertCharge({ sessionId, site: tucson });
    const atPhoenix = await insertCharge({ sessionId, site: phoenix });
    const res = await charges(north, `?sessionId=${sessionId}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([atPhoenix.id]);
    expect((await charges(north, `?sessionId=${sessionId}&siteId=${tucson}`)).body.total).toBe(0);
    expect((await charges(billing, `?sessionId=${sessionId}`)).body.items.map((i: { id: string }) => i.id).sort()).toEqual(
      [atTucson.id, atPhoenix.id].sort(),
    );
  });

  it("never shows another organization's charges", async () => {
    const sessionId = randomUUID();
    await insertCharge({ sessionId });
    const res = await charges(cascadeAdmin, `?sessionId=${sessionId}`, cascade);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 0, items: [] });
    const cascadeSite = (await demo.sites('cascade'))[0]!.id;
    const own = await insertCharge({ org: cascade, site: cascadeSite, sessionId });
    expect((await charges(billing, `?sessionId=${sessionId}`)).body.items.map((i: { id: string }) => i.id)).not.toContain(own.id);
    expect((await charges(cascadeAdmin, `?sessionId=${sessionId}`, cascade)).body.items.map((i: { id: string }) => i.id)).toEqual([own.id]);
  });
});

describe('fee schedule: /api/v1/pm/fee-schedule', () => {
  // 90846/90847 are in the code library and not in the demo fee schedule: these tests own them.
  const entry = (over: Record<string, unknown> = {}) => ({
    codeSystem: 'CPT',
    code: '90846',
    modifierMatch: 'any',
    effectiveFrom: '2031-01-01',
    rateCents: 9000,
    unitBasis: 'per_session',
    ...over,
  });
  const create = (body: Record<string, unknown>, who = billing) => as(app, who).post('/api/v1/pm/fee-schedule').send(body);

  it('creates an entry with sorted modifiers and a crosswalk, lists it, and audits the change', async () => {
    const res = await create(
      entry({
        code: '90847',
        modifierMatch: 'exact',
        modifiers: ['HQ', 'GT'],
        crosswalkCode: '90846',
        crosswalkModifierMode: 'add',
        crosswalkModifiers: ['HF'],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: '90847',
      modifiers: ['GT', 'HQ'],
      effectiveTo: null,
      crosswalkCode: '90846',
      crosswalkModifierMode: 'add',
      crosswalkModifiers: ['HF'],
    });
    const list = await as(app, billing).get('/api/v1/pm/fee-schedule?code=90847&on=2031-06-01');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id]);
    expect((await as(app, billing).get('/api/v1/pm/fee-schedule?code=90847&on=2030-12-31')).body.total).toBe(0);
    expect(await demo.auditEvents(`action = 'fee-schedule.create' AND resource_id = $1`, [res.body.id])).toHaveLength(1);
  });

  it('refuses an overlapping entry of the same key with 409, and accepts it after the first is ended', async () => {
    const first = await create(entry({ effectiveFrom: '2032-01-01' }));
    expect(first.status).toBe(201);
    expectProblem(await create(entry({ effectiveFrom: '2032-06-01', rateCents: 9500 })), 409);
    expectProblem(await create(entry({ effectiveFrom: '2031-06-01', effectiveTo: '2032-01-01' })), 409); // shares the first day
    // Another key (exact modifiers) may overlap: the most specific entry wins at charge time.
    expect((await create(entry({ effectiveFrom: '2032-06-01', modifierMatch: 'exact', modifiers: ['HQ'] }))).status).toBe(201);
    const ended = await as(app, billing).post(`/api/v1/pm/fee-schedule/${first.body.id}/end`).send({ effectiveTo: '2032-05-31' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ effectiveTo: '2032-05-31', endedAt: expect.any(String) });
    expect((await create(entry({ effectiveFrom: '2032-06-01', rateCents: 9500 }))).status).toBe(201);
    // Moving the end back out again would overlap the new one.
    expectProblem(await as(app, billing).post(`/api/v1/pm/fee-schedule/${first.body.id}/end`).send({ effectiveTo: '2032-06-01' }), 409);
  });

  it('lets only one of two concurrent overlapping entries of one key in (the other is a 409)', async () => {
    const body = entry({ code: '90847', modifierMatch: 'exact', modifiers: ['95'], effectiveFrom: '2036-01-01' });
    const results = await Promise.all([create(body), create({ ...body, effectiveFrom: '2036-02-01' })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('answers 400 naming the field: shape errors and codes the code library does not have on the first day', async () => {
    const before = (await as(app, billing).get('/api/v1/pm/fee-schedule?pageSize=200')).body.total;
    const cases: [Record<string, unknown>, string][] = [
      [entry({ code: 'x' }), 'code'],
      [entry({ unitBasis: 'per_hour' }), 'unitBasis'],
      [entry({ rateCents: -1 }), 'rateCents'],
      [entry({ effectiveFrom: 'soon' }), 'effectiveFrom'],
      // A day the month lacks is refused, not rolled forward into March.
      [entry({ effectiveFrom: '2033-01-01', effectiveTo: '2033-02-30' }), 'effectiveTo'],
      [entry({ code: '99999', effectiveFrom: '2033-01-01' }), 'code'], //      not in the code library
      [entry({ code: 'H0038', effectiveFrom: '2033-01-01' }), 'code'], //      HCPCS, not CPT
      [entry({ code: '90806', effectiveFrom: '2033-01-01' }), 'code'], //      ended 2012-12-31
      [entry({ modifierMatch: 'exact', modifiers: ['ZZ'], effectiveFrom: '2033-01-01' }), 'modifiers'],
      [entry({ modifiers: ['HQ'], effectiveFrom: '2033-01-01' }), 'modifiers'], // 'any' takes no modifiers
      [entry({ crosswalkCode: 'HQ', effectiveFrom: '2033-01-01' }), 'crosswalkCode'],
      [entry({ crosswalkModifiers: ['HQ'], effectiveFrom: '2033-01-01' }), 'crosswalkModifierMode'],
      [entry({ effectiveFrom: '2033-01-02', effectiveTo: '2033-01-01' }), 'effectiveTo'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expectProblem(res, 400);
      expect({ field, errors: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({
        field,
        errors: expect.arrayContaining([field]),
      });
    }
    expect((await as(app, billing).get('/api/v1/pm/fee-schedule?pageSize=200')).body.total).toBe(before); // nothing written
  });

  it("ends only existing entries of the caller's organization (404), with a valid date (400)", async () => {
    const mine = await create(entry({ code: '90847', effectiveFrom: '2034-01-01' }));
    expect(mine.status).toBe(201);
    expectProblem(await as(app, billing).post(`/api/v1/pm/fee-schedule/${mine.body.id}/end`).send({ effectiveTo: '2033-12-31' }), 400);
    expectProblem(await as(app, billing).post(`/api/v1/pm/fee-schedule/${mine.body.id}/end`).send({ effectiveTo: 'never' }), 400);
    expectProblem(
      await as(app, cascadeAdmin, cascade).post(`/api/v1/pm/fee-schedule/${mine.body.id}/end`).send({ effectiveTo: '2034-12-31' }),
      404,
    );
    expectProblem(await as(app, billing).post(`/api/v1/pm/fee-schedule/${randomUUID()}/end`).send({ effectiveTo: '2034-12-31' }), 404);
    const other = await as(app, cascadeAdmin, cascade).get('/api/v1/pm/fee-schedule?code=90847&on=2034-06-01');
    expect(other.body.items.map((i: { id: string }) => i.id)).not.toContain(mine.body.id);
  });

  it('shows the demo fee schedule: exact and any-modifiers entries for H0005, none for H2017 (its charges go on hold)', async () => {
    const h0005 = await as(app, billing).get('/api/v1/pm/fee-schedule?code=H0005&on=2025-06-01');
    expect(
      h0005.body.items.map(
        (i: { modifierMatch: string; modifiers: string[]; crosswalkModifierMode: string | null; crosswalkModifiers: string[] }) => [
          i.modifierMatch,
          i.modifiers,
          i.crosswalkModifierMode,
          i.crosswalkModifiers,
        ],
      ),
    ).toEqual([
      ['any', [], 'add', ['HQ']],
      ['exact', ['HF', 'HQ'], null, []],
    ]);
    expect((await as(app, billing).get('/api/v1/pm/fee-schedule?code=H2017')).body.total).toBe(0);
    expect((await as(app, cascadeAdmin, cascade).get('/api/v1/pm/fee-schedule?code=H2017')).body.total).toBe(1);
  });

  it('refuses HR both routes with 403', async () => {
    expectProblem(await as(app, hr).get('/api/v1/pm/fee-schedule'), 403);
    expectProblem(await create(entry({ effectiveFrom: '2035-01-01' }), hr), 403);
  });
});
