import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';

import {
  CL_GROUP_ENCOUNTERS_APPROVED_V1,
  ClGroupEncountersApprovedV1,
  PEER_ENCOUNTER_FINALIZED_V1,
  PeerEncounterFinalizedV1,
} from '@cairn/platform/clinical';
import { ConfigModule, loadConfig } from '@cairn/platform/config';
import { DbModule } from '@cairn/platform/db';
import { buildEvent, IntegrationEvent, MessagingModule, MessagingWorkerModule } from '@cairn/platform/messaging';
import { ReferenceDataModule } from '@cairn/platform/reference-data';
import { TenancyModule } from '@cairn/platform/tenancy';

import {
  ChargeTestOrg,
  createChargeTestOrg,
  insertFeeEntry,
  insertGroupEncounters,
  TestEncounter,
} from '../charges/infrastructure/charges.test-fixture';
import { PmWorkerModule } from '../pm-worker.module';
import { ChargeCreationProcessor } from './charge-creation.processor';

/**
 * The charge-creation consumer against the real database as the app role, in the system context the worker gives
 * it: events are delivered by hand through the consumer's own `process` (the BullMQ path is covered by the
 * worker-process scenario in libs/platform/messaging/test). Each test organization is the test's own.
 */
let app: INestApplicationContext;
let consumer: ChargeCreationProcessor;
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
let t: ChargeTestOrg;

beforeAll(async () => {
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: `cairn-test-charges-${process.pid}-${randomUUID().slice(0, 8)}`,
    OUTBOX_RELAY_ENABLED: 'false',
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      DbModule,
      CqrsModule.forRoot(),
      TenancyModule,
      ReferenceDataModule,
      MessagingModule,
      MessagingWorkerModule,
      PmWorkerModule,
    ],
  }).compile();
  app = await moduleRef.init();
  consumer = app.get(ChargeCreationProcessor);
  t = await createChargeTestOrg(owner, 'AZ');
  // H0005 HF HQ (SUD group counseling in a group setting, AHCCCS): timed, exact modifiers, $18.75 per unit.
  await insertFeeEntry(owner, t.org, {
    code: 'H0005',
    modifierMatch: 'exact',
    modifiers: ['HF', 'HQ'],
    unitBasis: 'per_15_minutes',
    rateCents: 1875,
  });
  // H0005 with any other modifiers: billed with HQ added (the payer wants H0005 HQ).
  await insertFeeEntry(owner, t.org, {
    code: 'H0005',
    modifierMatch: 'any',
    unitBasis: 'per_15_minutes',
    rateCents: 1500,
    crosswalkModifierMode: 'add',
    crosswalkModifiers: ['HQ'],
  });
  // 90849 crosswalked to 90853 per session.
  await insertFeeEntry(owner, t.org, { code: '90849', unitBasis: 'per_session', rateCents: 4000, crosswalkCode: '90853' });
  await insertFeeEntry(owner, t.org, { code: '90853', unitBasis: 'per_session', rateCents: 4200 });
  // H0038 (peer support) per 15 minutes; ended before 2026 to show dates matter.
  await insertFeeEntry(owner, t.org, { code: 'H0038', unitBasis: 'per_15_minutes', rateCents: 900, effectiveTo: '2025-12-31' });
});
afterAll(async () => {
  await app?.close();
  await owner.end();
});

type Generation = ClGroupEncountersApprovedV1['approved_generations'][number];
function approvedEvent(
  sessionId: string,
  generations: Generation[],
  org = t.org,
): IntegrationEvent<typeof CL_GROUP_ENCOUNTERS_APPROVED_V1> {
  return buildEvent(CL_GROUP_ENCOUNTERS_APPROVED_V1, org, {
    organization_id: org,
    session_id: sessionId,
    approved_generations: generations,
  });
}
const generation = (e: TestEncounter, code: string, modifiers: string[], minutes: number): Generation => ({
  generation_id: randomUUID(),
  encounter_id: e.id,
  patient_id: e.patientId,
  proposed_cpt_code: code,
  duration_minutes: minutes,
  modifiers,
});
const deliver = (event: IntegrationEvent) => consumer.process({ data: event as never, name: event.type });

async function chargesOfSession(sessionId: string) {
  return (
    await owner.query(
      `
    SELECT source_type, source_id, encounter_id, patient_id, site_id, service_date::text AS service_date, rendering_provider_id, group_session_id,
           proposed_code, proposed_modifiers, final_code, final_modifiers, units, unit_basis, rate_cents, amount_cents, status, hold_reason,
           jurisdiction_profile_key, duration_minutes
    FROM pm_charges WHERE organization_id = $1 AND group_session_id = $2`,
      [t.org, sessionId],
    )
  ).rows;
}

describe('cl_group_encounters_approved.v1 -> charges', () => {
  it('creates one charge per approved generation with the final code, modifiers and units the fee schedule decides', async () => {
    const session = randomUUID();
    const enc = await insertGroupEncounters(owner, t, session, 4);
    const gens = [
      generation(enc[0]!, 'H0005', ['HQ', 'HF'], 60), //  exact entry: 4 units (midpoint) x 1875
      generation(enc[1]!, 'H0005', ['HF'], 52), //        any-modifiers entry: HQ added; 52 min -> 3 units x 1500
      generation(enc[2]!, '90849', [], 90), //            crosswalked to 90853, one session
      generation(enc[3]!, 'H0038', ['HQ'], 60), //        entry ended 2025-12-31: no entry on 2026-03-10 -> on hold
    ];
    expect(await deliver(approvedEvent(session, gens))).toBe('processed');
    const rows = await chargesOfSession(session);
    expect(rows).toHaveLength(4);
    const bySource = new Map(rows.map((r) => [r.source_id, r]));
    const common = {
      source_type: 'group_encounter_generation',
      site_id: t.site,
      service_date: '2026-03-10',
      rendering_provider_id: t.provider,
      group_session_id: session,
      jurisdiction_profile_key: 'us-az-ahcccs',
    };
    expect(bySource.get(gens[0]!.generation_id)).toMatchObject({
      ...common,
      encounter_id: enc[0]!.id,
      patient_id: enc[0]!.patientId,
      proposed_code: 'H0005',
      proposed_modifiers: ['HF', 'HQ'],
      final_code: 'H0005',
      final_modifiers: ['HF', 'HQ'],
      units: 4,
      unit_basis: 'per_15_minutes',
      rate_cents: 1875,
      amount_cents: 7500,
      status: 'ready',
      hold_reason: null,
    });
    expect(bySource.get(gens[1]!.generation_id)).toMatchObject({
      ...common,
      proposed_modifiers: ['HF'],
      final_code: 'H0005',
      final_modifiers: ['HF', 'HQ'],
      units: 3,
      amount_cents: 4500,
      status: 'ready',
    });
    expect(bySource.get(gens[2]!.generation_id)).toMatchObject({
      ...common,
      proposed_code: '90849',
      final_code: '90853',
      units: 1,
      unit_basis: 'per_session',
      amount_cents: 4000,
      status: 'ready',
    });
    expect(bySource.get(gens[3]!.generation_id)).toMatchObject({
      ...common,
      proposed_code: 'H0038',
      proposed_modifiers: ['HQ'],
      final_code: null,
      units: 0,
      status: 'on_hold',
      hold_reason: 'no_fee_schedule_entry',
    });
    // One audit row for the event, as the system, listing the charges (ids only).
    const audit = await owner.query(
      `SELECT actor_type, actor_user_id, scope FROM pf_audit_events WHERE organization_id = $1 AND action = 'charge.create' AND resource_id = $2`,
      [t.org, session],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ actor_type: 'system', actor_user_id: null, scope: { onHold: 1, alreadyCharged: 0 } });
    expect(audit.rows[0].scope.chargeIds).toHaveLength(4);
  });

  it("counts timed units by the jurisdiction rule of the encounter's site: 7 -> on hold, 8 -> 1, 22 -> 1, 23 -> 2", async () => {
    for (const site of [t.site, t.oregonSite]) {
      const session = randomUUID();
      const enc = await insertGroupEncounters(owner, { ...t, site }, session, 4);
      const minutes = [7, 8, 22, 23];
      const gens = enc.map((e, i) => generation(e, 'H0005', ['HF', 'HQ'], minutes[i]!));
      await deliver(approvedEvent(session, gens));
      const rows = await chargesOfSession(session);
      const units = gens.map((g) => rows.find((r) => r.source_id === g.generation_id)!);
      expect(units.map((r) => r.units)).toEqual([0, 1, 1, 2]);
      expect(units.map((r) => r.status)).toEqual(['on_hold', 'ready', 'ready', 'ready']);
      expect(units[0]).toMatchObject({ hold_reason: 'zero_units', final_code: 'H0005', amount_cents: 0 });
      expect(new Set(rows.map((r) => r.jurisdiction_profile_key))).toEqual(new Set([site === t.site ? 'us-az-ahcccs' : 'cms-default']));
    }
  });

  it('keeps one charge per generation when the event is delivered 3 times and re-published with a new event id', async () => {
    const session = randomUUID();
    const enc = await insertGroupEncounters(owner, t, session, 5);
    const gens = enc.map((e) => generation(e, '90853', [], 60));
    const event = approvedEvent(session, gens);
    expect(await deliver(event)).toBe('processed');
    expect(await deliver(event)).toBe('duplicate');
    expect(await deliver(event)).toBe('duplicate');
    // CL publishing the same approval again (a new event id, the same generations): nothing new either.
    const republished = approvedEvent(session, gens);
    expect(republished.id).not.toBe(event.id);
    expect(await deliver(republished)).toBe('processed');
    const rows = await chargesOfSession(session);
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.source_id))).toEqual(new Set(gens.map((g) => g.generation_id)));
    const audit = await owner.query(
      `SELECT scope FROM pf_audit_events WHERE organization_id = $1 AND action = 'charge.create' AND resource_id = $2 ORDER BY id`,
      [t.org, session],
    );
    expect(audit.rows.map((r) => [r.scope.chargeIds.length, r.scope.alreadyCharged])).toEqual([
      [5, 0],
      [0, 5],
    ]);
    // pm_charge_created.v1 (dashboards) once, in the transaction that created the five: the re-published
    // approval created none and published nothing.
    const ids = (
      await owner.query<{ id: string }>(`SELECT id FROM pm_charges WHERE organization_id = $1 AND group_session_id = $2`, [t.org, session])
    ).rows.map((r) => r.id);
    const created = await owner.query(
      `SELECT payload FROM pf_outbox_events WHERE organization_id = $1 AND event_type = 'pm_charge_created.v1'
         AND payload->'charges'->0->>'charge_id' = ANY ($2::text[])`,
      [t.org, ids],
    );
    expect(created.rows).toHaveLength(1);
    const payload = created.rows[0].payload as { source_type: string; charges: Array<Record<string, unknown>> };
    expect(payload.source_type).toBe('group_encounter_generation');
    expect(new Set(payload.charges.map((c) => c['charge_id']))).toEqual(new Set(ids));
    expect(payload.charges[0]).toEqual({
      charge_id: expect.any(String),
      site_id: expect.any(String),
      rendering_provider_id: expect.any(String),
      service_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      status: expect.stringMatching(/^(ready|on_hold)$/),
      code: '90853',
      amount_cents: expect.anything(),
      created_at: expect.any(String),
    });
    expect(JSON.stringify(payload)).not.toMatch(/patient|chart/);
  });

  it('charges only the new generations of a later approval of the same session', async () => {
    const session = randomUUID();
    const enc = await insertGroupEncounters(owner, t, session, 3);
    const gens = enc.map((e) => generation(e, '90853', [], 60));
    await deliver(approvedEvent(session, gens.slice(0, 2)));
    await deliver(approvedEvent(session, gens));
    expect(await chargesOfSession(session)).toHaveLength(3);
  });

  it('refuses an event whose encounter PM does not know: it throws (retried, then the failed set) and writes nothing', async () => {
    const session = randomUUID();
    const [e] = await insertGroupEncounters(owner, t, session, 1);
    const event = approvedEvent(session, [
      generation(e!, '90853', [], 60),
      generation({ id: randomUUID(), patientId: randomUUID(), chartId: randomUUID() }, '90853', [], 60),
    ]);
    await expect(deliver(event)).rejects.toThrow(/unknown encounters/);
    expect(await chargesOfSession(session)).toHaveLength(0);
    const processed = await owner.query('SELECT 1 FROM pf_processed_events WHERE event_id = $1', [event.id]);
    expect(processed.rowCount).toBe(0); // rolled back with the effect, so a retry applies it
  });

  it("never writes a charge into another organization than the event's", async () => {
    const other = await createChargeTestOrg(owner, 'AZ');
    const session = randomUUID();
    const [e] = await insertGroupEncounters(owner, t, session, 1); // t's encounter, named in other's event
    await expect(deliver(approvedEvent(session, [generation(e!, '90853', [], 60)], other.org))).rejects.toThrow(/unknown encounters/);
    expect((await owner.query('SELECT 1 FROM pm_charges WHERE organization_id = $1', [other.org])).rowCount).toBe(0);
  });
});

describe('peer_encounter_finalized.v1 -> a charge', () => {
  const peerEvent = (over: Partial<PeerEncounterFinalizedV1>) => {
    const payload: PeerEncounterFinalizedV1 = {
      organization_id: t.org,
      peer_encounter_id: randomUUID(),
      chart_id: randomUUID(),
      encounter_id: null,
      peer_provider_id: randomUUID(),
      service_date: '2025-11-03',
      hcpcs_code: 'H0038',
      duration_minutes: 38,
      ...over,
    };
    return buildEvent(PEER_ENCOUNTER_FINALIZED_V1, t.org, payload);
  };
  const chargeOf = async (peerEncounterId: string) =>
    (
      await owner.query(
        `SELECT *, service_date::text AS service_date FROM pm_charges WHERE organization_id = $1 AND source_type = 'peer_encounter' AND source_id = $2`,
        [t.org, peerEncounterId],
      )
    ).rows;

  it("creates one charge from the payload's facts and the organization's jurisdiction when there is no PM encounter", async () => {
    const event = peerEvent({});
    expect(await deliver(event)).toBe('processed');
    expect(await deliver(event)).toBe('duplicate');
    expect(await deliver(buildEvent(PEER_ENCOUNTER_FINALIZED_V1, t.org, event.payload))).toBe('processed'); // re-published
    const rows = await chargeOf(event.payload.peer_encounter_id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      encounter_id: null,
      patient_id: null,
      site_id: null,
      chart_id: event.payload.chart_id,
      rendering_provider_id: event.payload.peer_provider_id,
      service_date: '2025-11-03',
      group_session_id: null,
      proposed_code: 'H0038',
      final_code: 'H0038',
      units: 3,
      amount_cents: 2700,
      status: 'ready',
      jurisdiction_profile_key: 'us-az-ahcccs',
    });
  });

  it('takes patient, site, date and provider from the PM encounter when the event names one', async () => {
    const [e] = await insertGroupEncounters(owner, { ...t, site: t.oregonSite }, randomUUID(), 1, '2025-10-01');
    const event = peerEvent({ encounter_id: e!.id, service_date: '2025-10-02' });
    await deliver(event);
    expect((await chargeOf(event.payload.peer_encounter_id))[0]).toMatchObject({
      encounter_id: e!.id,
      patient_id: e!.patientId,
      site_id: t.oregonSite,
      service_date: '2025-10-01',
      rendering_provider_id: t.provider,
      jurisdiction_profile_key: 'cms-default',
      units: 3,
    });
  });

  it('holds a peer charge whose code has no fee schedule entry on its date', async () => {
    const event = peerEvent({ service_date: '2026-02-01' });
    await deliver(event);
    expect((await chargeOf(event.payload.peer_encounter_id))[0]).toMatchObject({
      status: 'on_hold',
      hold_reason: 'no_fee_schedule_entry',
      final_code: null,
    });
  });
});
