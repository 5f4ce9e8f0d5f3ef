import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// The charge lifecycle (ADR 0011): void, correct, bill, and re-pricing of held charges when a fee schedule entry is
// added. Charges are written as the owner, as the charge-creation consumer would have created them (the consumer
// itself: libs/pm/src/processors/charge-creation.processor.int-spec.ts). Every rule that protects money is tried
// the way it would be broken: twice, concurrently, after billing, and straight in the database.
let app: INestApplication;
const demo = new DemoFixture();
let billing: StaffSession;
let hr: StaffSession;
let supervisor: StaffSession;
let cascadeAdmin: StaffSession;
let sonoran: string;
let cascade: string;
let site: string;
let provider: string;
let plainChart: string;

beforeAll(async () => {
  app = await bootApi();
  [billing, hr, supervisor, cascadeAdmin] = await Promise.all([
    login(app, 'billing@sonoran.cairn.test'),
    login(app, 'hr@sonoran.cairn.test'),
    login(app, 'supervisor@sonoran.cairn.test'),
    login(app, 'admin@cascade.cairn.test'),
  ]);
  sonoran = await demo.orgId('sonoran');
  cascade = await demo.orgId('cascade');
  site = (await demo.sites('sonoran'))[0]!.id;
  provider = await demo.userId('clinician@sonoran.cairn.test');
  plainChart = (
    await demo.owner.query(`SELECT id FROM cl_charts WHERE organization_id = $1 AND NOT is_part2 ORDER BY id LIMIT 1`, [sonoran])
  ).rows[0].id;
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

interface Held {
  code: string;
  modifiers: string[];
  serviceDate: string;
  minutes: number;
}

/** A ready 90853 charge (one session at $42) on 2026-05-04, or a charge held for want of a fee schedule entry. */
async function insertCharge(held?: Held): Promise<{ id: string; sourceId: string }> {
  const id = randomUUID();
  const sourceId = randomUUID();
  await demo.owner.query(
    `
    INSERT INTO pm_charges (organization_id, id, source_type, source_id, encounter_id, patient_id, chart_id, site_id, service_date,
      rendering_provider_id, group_session_id, duration_minutes, proposed_code, proposed_modifiers, final_code, final_modifiers, units,
      unit_basis, rate_cents, amount_cents, status, hold_reason, fee_schedule_entry_id, jurisdiction_profile_key)
    VALUES ($1, $2, 'group_encounter_generation', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19, $20,
      NULL, 'us-az-ahcccs')`,
    [
      sonoran,
      id,
      sourceId,
      randomUUID(),
      randomUUID(),
      plainChart,
      site,
      held?.serviceDate ?? '2026-05-04',
      provider,
      randomUUID(),
      held?.minutes ?? 90,
      held?.code ?? '90849',
      held?.modifiers ?? [],
      held ? null : '90853',
      [],
      held ? 4 : 1,
      held ? 'per_15_minutes' : 'per_session',
      held ? null : 4200,
      held ? 'on_hold' : 'ready',
      held ? 'no_fee_schedule_entry' : null,
    ],
  );
  return { id, sourceId };
}

const chargesOfSource = async (sourceId: string) =>
  (await demo.owner.query(`SELECT * FROM pm_charges WHERE source_id = $1 ORDER BY lineage_seq`, [sourceId])).rows;
const statusEvents = async (chargeId: string) =>
  (
    await demo.owner.query(
      `SELECT payload FROM pf_outbox_events WHERE event_type = 'pm_charge_status_changed.v1' AND payload->>'charge_id' = $1`,
      [chargeId],
    )
  ).rows.map((r) => r.payload);
const post = (path: string, body: Record<string, unknown> = {}, who = billing, org?: string) =>
  as(app, who, org).post(`/api/v1/charges${path}`).send(body);

describe('POST /api/v1/charges/:id/void', () => {
  it('voids a ready charge: the row keeps its amounts, one event, one audit row; a second void answers 409', async () => {
    const c = await insertCharge();
    const res = await post(`/${c.id}/void`, { reason: 'duplicate' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: c.id,
      status: 'voided',
      amountCents: 4200,
      lifecycle: { voidReason: 'voided', voidedAt: expect.any(String), billedAt: null, lineageSeq: 0, correctsChargeId: null },
    });
    expectProblem(await post(`/${c.id}/void`, { reason: 'duplicate' }), 409);
    const rows = await chargesOfSource(c.sourceId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'voided', amount_cents: 4200, units: 1, void_reason: 'voided' });
    expect(await statusEvents(c.id)).toEqual([
      expect.objectContaining({ previous_status: 'ready', status: 'voided', reason: 'voided', replaced_by_charge_id: null }),
    ]);
    const audit = await demo.auditEvents(`action = 'charge.void' AND resource_id = $1`, [c.id]);
    expect(audit.map((a) => [a['outcome'], a['reason']])).toEqual([
      ['success', null],
      ['denied', 'charge_voided'],
    ]);
  });

  it('lets exactly one of three concurrent voids through', async () => {
    const c = await insertCharge();
    const results = await Promise.all([1, 2, 3].map(() => post(`/${c.id}/void`, { reason: 'duplicate' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await statusEvents(c.id)).toHaveLength(1);
  });

  it('voids a held charge too', async () => {
    const c = await insertCharge({ code: 'H0038', modifiers: ['HQ'], serviceDate: '2022-03-01', minutes: 60 });
    expect((await post(`/${c.id}/void`, { reason: 'service_not_rendered' })).body).toMatchObject({
      status: 'voided',
      holdReason: 'no_fee_schedule_entry',
    });
  });

  it('answers 400 naming reason, 404 for a charge not in scope, 403 without pm.charges.void', async () => {
    const c = await insertCharge();
    const bad = await post(`/${c.id}/void`, { reason: 'because the patient said so' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    expectProblem(await post(`/${randomUUID()}/void`, { reason: 'duplicate' }), 404);
    expectProblem(await post(`/not-an-id/void`, { reason: 'duplicate' }), 404);
    expectProblem(await post(`/${c.id}/void`, { reason: 'duplicate' }, cascadeAdmin, cascade), 404);
    expectProblem(await post(`/${c.id}/void`, { reason: 'duplicate' }, hr), 403);
    // A supervisor reviews encounters but does not void charges.
    expectProblem(await post(`/${c.id}/void`, { reason: 'duplicate' }, supervisor), 403);
    expect((await chargesOfSource(c.sourceId))[0]).toMatchObject({ status: 'ready' });
  });
});

describe('POST /api/v1/charges/:id/correct', () => {
  it('voids the charge and records a NEW charge one lineage step on, priced by the fee schedule', async () => {
    const c = await insertCharge();
    // 90853 is per session in Sonoran's demo schedule ($42): a correction to 2 units bills $84.
    const res = await post(`/${c.id}/correct`, { units: 2, code: '90853', reason: 'wrong_units' });
    expect(res.status).toBe(200);
    expect(res.body.voided).toMatchObject({ id: c.id, status: 'voided', lifecycle: { voidReason: 'corrected' } });
    expect(res.body.correction).toMatchObject({
      status: 'ready',
      source: { id: c.sourceId, type: 'group_encounter_generation' },
      proposed: { code: '90853', modifiers: [] },
      final: { code: '90853', modifiers: [] },
      units: 2,
      amountCents: 8400,
      lifecycle: { lineageSeq: 1, correctsChargeId: c.id, correctionReason: 'corrected', voidedAt: null },
    });
    const rows = await chargesOfSource(c.sourceId);
    expect(rows.map((r) => [r.lineage_seq, r.status, r.amount_cents])).toEqual([
      [0, 'voided', 4200],
      [1, 'ready', 8400],
    ]);
    expect(await statusEvents(c.id)).toEqual([
      expect.objectContaining({ status: 'voided', reason: 'corrected', replaced_by_charge_id: res.body.correction.id }),
    ]);
    // The voided original cannot be corrected again; its replacement can.
    expectProblem(await post(`/${c.id}/correct`, { units: 3, reason: 'wrong_units' }), 409);
    const again = await post(`/${res.body.correction.id}/correct`, { units: 1, reason: 'wrong_units' });
    expect(again.body.correction).toMatchObject({ units: 1, lifecycle: { lineageSeq: 2, correctsChargeId: res.body.correction.id } });
  });

  it('lets exactly one of three concurrent corrections through: one new charge, never two', async () => {
    const c = await insertCharge();
    const results = await Promise.all([1, 2, 3].map((u) => post(`/${c.id}/correct`, { units: u, reason: 'wrong_units' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await chargesOfSource(c.sourceId)).map((r) => r.status)).toEqual(['voided', 'ready']);
  });

  it('refuses a correction no fee schedule entry prices (422 naming code) and a bad body (400 naming the field), changing nothing', async () => {
    const c = await insertCharge();
    const unpriced = await post(`/${c.id}/correct`, { units: 1, code: 'H2017', reason: 'wrong_code' });
    expectProblem(unpriced, 422);
    expect(unpriced.body.errors.map((e: { field: string }) => e.field)).toEqual(['code']);
    for (const [body, field] of [
      [{ units: 0, reason: 'wrong_units' }, 'units'],
      [{ units: 1.5, reason: 'wrong_units' }, 'units'],
      [{ units: 97, reason: 'wrong_units' }, 'units'],
      [{ units: 1, code: 'x', reason: 'wrong_units' }, 'code'],
      [{ units: 1, reason: 'oops' }, 'reason'],
    ] as const) {
      const res = await post(`/${c.id}/correct`, body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await chargesOfSource(c.sourceId)).toEqual([expect.objectContaining({ status: 'ready', lineage_seq: 0 })]);
  });
});

describe('POST /api/v1/charges/:id/bill', () => {
  it('bills a ready charge once; a billed charge can be neither voided, corrected nor billed again', async () => {
    const c = await insertCharge();
    const billed = await post(`/${c.id}/bill`);
    expect(billed.status).toBe(200);
    expect(billed.body).toMatchObject({ status: 'billed', lifecycle: { billedAt: expect.any(String) } });
    expectProblem(await post(`/${c.id}/bill`), 409);
    expectProblem(await post(`/${c.id}/void`, { reason: 'duplicate' }), 409);
    expectProblem(await post(`/${c.id}/correct`, { units: 2, reason: 'wrong_units' }), 409);
    expect((await chargesOfSource(c.sourceId)).map((r) => r.status)).toEqual(['billed']);
  });

  it('refuses to bill a held or voided charge (409), and a concurrent void and bill end in exactly one of the two', async () => {
    const held = await insertCharge({ code: 'H0038', modifiers: ['HQ'], serviceDate: '2022-03-02', minutes: 60 });
    expectProblem(await post(`/${held.id}/bill`), 409);
    const c = await insertCharge();
    const [v, b] = await Promise.all([post(`/${c.id}/void`, { reason: 'duplicate' }), post(`/${c.id}/bill`)]);
    expect([v.status, b.status].sort()).toEqual([200, 409]);
    const [row] = await chargesOfSource(c.sourceId);
    expect(row.status).toBe(v.status === 200 ? 'voided' : 'billed');
  });
});

describe('the database enforces the lifecycle whatever the caller', () => {
  it('refuses an in-place edit, a transition out of billed or voided, and a DELETE, even as the table owner', async () => {
    const c = await insertCharge();
    await expect(demo.owner.query(`UPDATE pm_charges SET amount_cents = 1 WHERE id = $1`, [c.id])).rejects.toThrow(
      /only the status changes/,
    );
    await expect(
      demo.owner.query(`UPDATE pm_charges SET status = 'billed', billed_at = now(), billed_by = $2, units = 9 WHERE id = $1`, [
        c.id,
        provider,
      ]),
    ).rejects.toThrow(/only the status changes/);
    await demo.owner.query(`UPDATE pm_charges SET status = 'billed', billed_at = now(), billed_by = $2 WHERE id = $1`, [c.id, provider]);
    await expect(
      demo.owner.query(`UPDATE pm_charges SET status = 'voided', voided_at = now(), void_reason = 'voided' WHERE id = $1`, [c.id]),
    ).rejects.toThrow(/not an allowed transition/);
    await expect(
      demo.owner.query(`UPDATE pm_charges SET status = 'ready', billed_at = NULL, billed_by = NULL WHERE id = $1`, [c.id]),
    ).rejects.toThrow(/not an allowed transition/);
    await expect(demo.owner.query(`DELETE FROM pm_charges WHERE id = $1`, [c.id])).rejects.toThrow(/never deleted/);
    expect((await chargesOfSource(c.sourceId)).map((r) => r.status)).toEqual(['billed']);
  });

  it('gives the app role no DELETE and UPDATE only on the transition columns', async () => {
    const priv = async (sql: string) => (await demo.owner.query(`SELECT ${sql} AS ok`)).rows[0].ok;
    expect(await priv(`has_table_privilege('cairn_app', 'pm_charges', 'DELETE')`)).toBe(false);
    for (const col of ['amount_cents', 'units', 'final_code', 'rate_cents', 'source_id', 'lineage_seq', 'corrects_charge_id'])
      expect({ col, ok: await priv(`has_column_privilege('cairn_app', 'pm_charges', '${col}', 'UPDATE')`) }).toEqual({ col, ok: false });
    expect(await priv(`has_column_privilege('cairn_app', 'pm_charges', 'status', 'UPDATE')`)).toBe(true);
  });

  it('refuses a correcting charge that follows no voided charge of its source', async () => {
    const c = await insertCharge();
    const copy = (seq: number, corrects: string) =>
      demo.owner.query(
        `INSERT INTO pm_charges (organization_id, id, source_type, source_id, encounter_id, patient_id, chart_id, site_id, service_date,
           rendering_provider_id, group_session_id, duration_minutes, proposed_code, proposed_modifiers, final_code, final_modifiers, units,
           unit_basis, rate_cents, amount_cents, status, hold_reason, fee_schedule_entry_id, jurisdiction_profile_key, lineage_seq,
           corrects_charge_id, correction_reason)
         SELECT organization_id, gen_random_uuid(), source_type, source_id, encounter_id, patient_id, chart_id, site_id, service_date,
           rendering_provider_id, group_session_id, duration_minutes, proposed_code, proposed_modifiers, final_code, final_modifiers, units,
           unit_basis, rate_cents, amount_cents, 'ready', NULL, fee_schedule_entry_id, jurisdiction_profile_key, $2, $3, 'corrected'
         FROM pm_charges WHERE id = $1`,
        [c.id, seq, corrects],
      );
    await expect(copy(1, c.id)).rejects.toThrow(/follows a voided charge/); // still ready
    await demo.owner.query(`UPDATE pm_charges SET status = 'voided', voided_at = now(), void_reason = 'voided' WHERE id = $1`, [c.id]);
    await expect(copy(2, c.id)).rejects.toThrow(/follows a voided charge/); // skips a step
    await copy(1, c.id);
    await expect(copy(1, c.id)).rejects.toThrow(/duplicate key/); // a second correction of one charge
    expect((await chargesOfSource(c.sourceId)).map((r) => r.status)).toEqual(['voided', 'ready']);
  });
});

describe('re-pricing held charges when a fee schedule entry is added', () => {
  // Sonoran has no H0038 entry for 2023: charges of that year sit on hold, with their units.
  const entry = (over: Record<string, unknown> = {}) => ({
    codeSystem: 'HCPCS',
    code: 'H0038',
    modifierMatch: 'exact',
    modifiers: ['HQ'],
    effectiveFrom: '2023-01-01',
    effectiveTo: '2023-12-31',
    rateCents: 1500,
    unitBasis: 'per_15_minutes',
    ...over,
  });

  it('replaces each held charge the new entry prices with a new ready charge (units from its minutes), and leaves the others held', async () => {
    const priced = await insertCharge({ code: 'H0038', modifiers: ['HQ'], serviceDate: '2023-06-05', minutes: 60 });
    const otherModifiers = await insertCharge({ code: 'H0038', modifiers: ['HF'], serviceDate: '2023-06-05', minutes: 60 });
    const otherYear = await insertCharge({ code: 'H0038', modifiers: ['HQ'], serviceDate: '2022-06-06', minutes: 60 });
    const created = await as(app, billing).post('/api/v1/pm/fee-schedule').send(entry());
    expect(created.status).toBe(201);
    const rows = await chargesOfSource(priced.sourceId);
    expect(rows.map((r) => [r.lineage_seq, r.status, r.void_reason, r.correction_reason])).toEqual([
      [0, 'voided', 'repriced', null],
      [1, 'ready', null, 'repriced'],
    ]);
    // 60 minutes under Arizona's midpoint rule: 4 units at $15.
    expect(rows[1]).toMatchObject({ units: 4, amount_cents: 6000, final_code: 'H0038', fee_schedule_entry_id: created.body.id });
    expect(await statusEvents(priced.id)).toEqual([
      expect.objectContaining({ status: 'voided', reason: 'repriced', replaced_by_charge_id: rows[1].id }),
    ]);
    for (const untouched of [otherModifiers, otherYear])
      expect(await chargesOfSource(untouched.sourceId)).toEqual([expect.objectContaining({ status: 'on_hold', units: 4 })]);
    const audit = await demo.auditEvents(`action = 'fee-schedule.create' AND resource_id = $1`, [created.body.id]);
    expect(audit[0]!['scope']).toMatchObject({ repricedChargeIds: [priced.id], repricingChargeIds: [rows[1].id] });
  });

  it('re-prices a held charge exactly once when two entries that both price it are added concurrently', async () => {
    const held = await insertCharge({ code: 'H0038', modifiers: ['GT'], serviceDate: '2021-03-03', minutes: 30 });
    const period = { effectiveFrom: '2021-01-01', effectiveTo: '2021-12-31' };
    const results = await Promise.all([
      as(app, billing)
        .post('/api/v1/pm/fee-schedule')
        .send(entry({ ...period, modifiers: ['GT'], rateCents: 1600 })),
      as(app, billing)
        .post('/api/v1/pm/fee-schedule')
        .send(entry({ ...period, modifierMatch: 'any', modifiers: [], rateCents: 1400 })),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    const rows = await chargesOfSource(held.sourceId);
    expect(rows.map((r) => [r.lineage_seq, r.status])).toEqual([
      [0, 'voided'],
      [1, 'ready'],
    ]);
    expect(rows[1].units).toBe(2);
  });
});
