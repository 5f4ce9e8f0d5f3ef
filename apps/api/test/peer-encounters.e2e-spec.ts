import type { INestApplication } from '@nestjs/common';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { GenerationWorker } from './support/generation-worker';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// CL-19 peer encounters over HTTP: drafts, the rules on times, codes and service types, finalize (PM encounter and
// one peer_encounter_finalized.v1 in the outbox), addenda, the Part 2 consent rule, and the use_pf15 setting.
// The event is delivered to PM's real charge consumer in-process (GenerationWorker); the worker process itself:
// libs/platform/messaging/test/peer-encounter-charges-worker.int-spec.ts.
let app: INestApplication;
const demo = new DemoFixture();
let supervisor: StaffSession;
let peer: StaffSession;
let peerFlagstaff: StaffSession;
let billing: StaffSession;
let clinician: StaffSession;
let sonoranAdmin: StaffSession;
let worker: GenerationWorker;
let peerId: string;
let clinicianId: string;
let tucson: string;
let flagstaff: string;
let sonoran: string;
const today = new Date().toISOString().slice(0, 10);
const FOCUS = 'Explored recovery capital; client named two supports and a plan for the weekend.';

const letters = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

/** A new Tucson patient with the demo peer specialist on the care team (and a Part 2 chart when asked). */
async function newPatient(isPart2 = false): Promise<string> {
  const res = await as(app, supervisor)
    .post('/api/v1/patients')
    .send({
      siteId: tucson,
      firstName: 'Rowan',
      lastName: `Peer${letters()}`,
      dateOfBirth: '1988-03-14',
      primaryTherapistId: clinicianId,
      ...(isPart2 ? { isPart2: true, part2ProgramName: 'Intensive Outpatient Program' } : {}),
    });
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  const team = await as(app, supervisor)
    .post(`/api/v1/patients/${res.body.id}/care-team`)
    .send({ staffUserId: peerId, role: 'peer_specialist' });
  if (team.status >= 300) throw new Error(`care team answered ${team.status}: ${JSON.stringify(team.body)}`);
  return res.body.id as string;
}

async function consentTo(patientId: string): Promise<string> {
  const c = await as(app, supervisor)
    .post(`/api/v1/patients/${patientId}/consents`)
    .send({
      consentType: 'tpo',
      disclosingParty: 'Sonoran Behavioral Health, Intensive Outpatient Program',
      informationDescription: 'All SUD treatment records',
      recordTypes: ['*'],
      recipients: [{ type: 'organization', organizationId: sonoran, name: 'Sonoran Behavioral Health' }],
      purposes: ['treatment', 'payment', 'health_care_operations'],
      expirationEvent: 'none',
      signedBy: 'patient',
      signedOn: today,
      statements: ['right_to_revoke', 'redisclosure', 'treatment_not_conditioned'],
    });
  if (c.status !== 201) throw new Error(`consent answered ${c.status}: ${JSON.stringify(c.body)}`);
  return c.body.id as string;
}

const draftBody = (patientId: string, extra: Record<string, unknown> = {}) => ({
  patientId,
  serviceDate: '2026-03-10',
  startTime: '09:00',
  endTime: '09:53',
  serviceType: 'peer_support',
  hcpcsCode: 'H0038',
  focusNotes: FOCUS,
  ...extra,
});

async function draft(patientId: string, extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await as(app, peer).post('/api/v1/peer-encounters').send(draftBody(patientId, extra));
  if (res.status !== 201) throw new Error(`draft answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function events(peerEncounterId: string) {
  const { rows } = await demo.owner.query(
    `SELECT id, organization_id, payload FROM pf_outbox_events WHERE event_type = 'peer_encounter_finalized.v1' AND payload->>'peer_encounter_id' = $1`,
    [peerEncounterId],
  );
  return rows;
}

beforeAll(async () => {
  app = await bootApi();
  [supervisor, peer, peerFlagstaff, billing, clinician, sonoranAdmin] = await Promise.all([
    login(app, 'supervisor@sonoran.cairn.test'),
    login(app, 'peer@sonoran.cairn.test'),
    login(app, 'peer.flagstaff@sonoran.cairn.test'),
    login(app, 'billing@sonoran.cairn.test'),
    login(app, 'clinician@sonoran.cairn.test'),
    login(app, 'admin@sonoran.cairn.test'),
  ]);
  peerId = await demo.userId('peer@sonoran.cairn.test');
  clinicianId = await demo.userId('clinician@sonoran.cairn.test');
  const sites = await demo.sites('sonoran');
  tucson = sites.find((s) => s.code === 'TUC')!.id;
  flagstaff = sites.find((s) => s.code === 'FLG')!.id;
  sonoran = await demo.orgId('sonoran');
  worker = await GenerationWorker.start();
});
afterAll(async () => {
  await worker?.close();
  await app.close();
  await demo.close();
});

describe('documenting a peer encounter (draft)', () => {
  it('creates a draft with the computed duration, the PF-15 service type and units by the Arizona (midpoint) rule', async () => {
    const patientId = await newPatient();
    const e = await draft(patientId);
    expect(e).toMatchObject({
      patientId,
      siteId: tucson,
      peerProviderId: peerId,
      serviceDate: '2026-03-10',
      startTime: '09:00',
      endTime: '09:53',
      durationMinutes: 53,
      serviceType: 'peer_support',
      serviceTypeSource: 'pf15',
      hcpcsCode: 'H0038',
      unitBasis: 'per_15_minutes',
      units: 4,
      focusNotes: FOCUS,
      status: 'draft',
      encounterId: null,
      finalizedAt: null,
      addenda: [],
      part2Notice: null,
    });
    const read = await as(app, peer).get(`/api/v1/peer-encounters/${e['id']}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(e);
    const audit = await demo.auditEvents(`action = 'peer-encounter.read' AND resource_id = $1`, [e['id']]);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('recovery capital');
  });

  it("accepts a stated duration equal to the times, H2017 and the organization's own code T1016 once it is effective", async () => {
    const patientId = await newPatient();
    expect((await draft(patientId, { durationMinutes: 53, hcpcsCode: 'H2017', serviceType: 'recovery_coaching' }))['units']).toBe(4);
    expect(
      (await draft(patientId, { hcpcsCode: 'T1016', serviceType: 'crisis_peer', startTime: '14:00', endTime: '14:20' }))['units'],
    ).toBe(1);
  });

  it.each([
    ['an end before the start', { startTime: '10:00', endTime: '09:30' }, 'endTime'],
    ['a duration that disagrees with the times', { durationMinutes: 45 }, 'durationMinutes'],
    ['a malformed time', { startTime: '9:00' }, 'startTime'],
    ['a service type outside the vocabulary in force', { serviceType: 'housing_navigation' }, 'serviceType'],
    ['a CPT code', { hcpcsCode: '90834' }, 'hcpcsCode'],
    ['an HCPCS code that is not a peer code', { hcpcsCode: 'H0004' }, 'hcpcsCode'],
    ['an unknown code', { hcpcsCode: 'H9999' }, 'hcpcsCode'],
    ['an organization code before it is effective', { hcpcsCode: 'T1016', serviceDate: '2024-06-03' }, 'hcpcsCode'],
    ['a date that is not a date', { serviceDate: '2026-02-30' }, 'serviceDate'],
    ['a missing patient', { patientId: undefined }, 'patientId'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_name, extra, field) => {
    const patientId = await newPatient();
    const res = await as(app, peer).post('/api/v1/peer-encounters').send(draftBody(patientId, extra));
    expectProblem(res, 400);
    expect(JSON.stringify(res.body.errors)).toContain(field);
    const { rows } = await demo.owner.query('SELECT count(*)::int AS n FROM cl_peer_encounters WHERE patient_id = $1', [patientId]);
    expect(rows[0].n).toBe(0);
  });

  it("answers 404 for a patient outside the peer's care team, and for an unknown patient", async () => {
    const notMine = (await demo.patientsAssignedTo('peer@sonoran.cairn.test', false, 1))[0]!;
    expectProblem(await as(app, peer).post('/api/v1/peer-encounters').send(draftBody(notMine)), 404);
    expectProblem(await as(app, peer).post('/api/v1/peer-encounters').send(draftBody('00000000-0000-4000-8000-000000000000')), 404);
  });

  it('answers 422 when the peer provider is not a peer specialist at the site', async () => {
    const patientId = await newPatient();
    const res = await as(app, peer)
      .post('/api/v1/peer-encounters')
      .send(draftBody(patientId, { peerProviderId: clinicianId }));
    expectProblem(res, 422);
    expect(res.body.errors[0].field).toBe('peerProviderId');
  });

  it('answers 403 at a permitted site of another author and 400 for a site not of the organization', async () => {
    // A Flagstaff patient with the Flagstaff peer on the care team, documented as if at Tucson, where she does not work.
    const res = await as(app, supervisor)
      .post('/api/v1/patients')
      .send({ siteId: flagstaff, firstName: 'Kai', lastName: `Peer${letters()}`, dateOfBirth: '1991-05-06' });
    expect(res.status).toBe(201);
    await as(app, supervisor)
      .post(`/api/v1/patients/${res.body.id}/care-team`)
      .send({ staffUserId: await demo.userId('peer.flagstaff@sonoran.cairn.test'), role: 'peer_specialist' });
    expectProblem(
      await as(app, peerFlagstaff)
        .post('/api/v1/peer-encounters')
        .send(draftBody(res.body.id, { siteId: tucson })),
      403,
    );
    expect((await as(app, peerFlagstaff).post('/api/v1/peer-encounters').send(draftBody(res.body.id))).status).toBe(201);
    const patientId = await newPatient();
    const bad = await as(app, peer)
      .post('/api/v1/peer-encounters')
      .send(draftBody(patientId, { siteId: '00000000-0000-4000-8000-000000000001' }));
    expectProblem(bad, 400);
    expect(bad.body.errors[0].field).toBe('siteId');
  });

  it('refuses billing and clinicians the write routes, and billing the reads (focus notes are clinical)', async () => {
    const patientId = await newPatient();
    const e = await draft(patientId);
    expectProblem(await as(app, billing).post('/api/v1/peer-encounters').send(draftBody(patientId)), 403);
    expectProblem(await as(app, billing).get(`/api/v1/peer-encounters/${e['id']}`), 403);
    expectProblem(await as(app, billing).get(`/api/v1/patients/${patientId}/peer-encounters`), 403);
    expectProblem(await as(app, clinician).post(`/api/v1/peer-encounters/${e['id']}/finalize`), 403);
    expect((await as(app, clinician).get(`/api/v1/peer-encounters/${e['id']}`)).status).toBe(200);
  });

  it('edits a draft (the peer provider only), recomputing duration and units', async () => {
    const patientId = await newPatient();
    const e = await draft(patientId);
    const res = await as(app, peer).patch(`/api/v1/peer-encounters/${e['id']}`).send({ endTime: '09:37', focusNotes: 'Shorter visit.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ durationMinutes: 37, units: 2, focusNotes: 'Shorter visit.' });
    expectProblem(await as(app, peer).patch(`/api/v1/peer-encounters/${e['id']}`).send({ durationMinutes: 30 }), 400);
    const badType = await as(app, peer).patch(`/api/v1/peer-encounters/${e['id']}`).send({ serviceType: 'housing_navigation' });
    expectProblem(badType, 400);
    expect(badType.body.errors[0].field).toBe('serviceType');
    expectProblem(await as(app, sonoranAdmin).patch(`/api/v1/peer-encounters/${e['id']}`).send({ focusNotes: 'x' }), 403);
    expectProblem(await as(app, peer).patch('/api/v1/peer-encounters/not-a-uuid').send({ focusNotes: 'x' }), 404);
  });
});

describe('finalizing', () => {
  it("locks the encounter, creates its PM encounter and publishes the seed's payload once; a second finalize is 409", async () => {
    const patientId = await newPatient();
    const e = await draft(patientId);
    const res = await as(app, peer).post(`/api/v1/peer-encounters/${e['id']}/finalize`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'finalized', finalizedBy: peerId, encounterId: expect.any(String) });
    const pm = await demo.owner.query('SELECT * FROM pm_encounters WHERE id = $1', [res.body.encounterId]);
    expect(pm.rows[0]).toMatchObject({
      encounter_type: 'peer',
      source_type: 'peer_encounter',
      source_id: e['id'],
      patient_id: patientId,
      site_id: tucson,
      duration_minutes: 53,
    });

    const [event, ...more] = await events(e['id']);
    expect(more).toHaveLength(0);
    expect(event.organization_id).toBe(sonoran);
    expect(event.payload).toEqual({
      organization_id: sonoran,
      peer_encounter_id: e['id'],
      chart_id: e['chartId'],
      encounter_id: res.body.encounterId,
      peer_provider_id: peerId,
      service_date: '2026-03-10',
      hcpcs_code: 'H0038',
      duration_minutes: 53,
    });

    expectProblem(await as(app, peer).post(`/api/v1/peer-encounters/${e['id']}/finalize`), 409);
    expect(await events(e['id'])).toHaveLength(1);
    expectProblem(await as(app, peer).patch(`/api/v1/peer-encounters/${e['id']}`).send({ focusNotes: 'changed' }), 409);
    // The database refuses too, even as the owner would write through the app role's policies.
    await expect(demo.owner.query(`UPDATE cl_peer_encounters SET focus_notes = 'x' WHERE id = $1`, [e['id']])).rejects.toThrow(
      /finalized and locked/,
    );
  });

  it("is charged once through the fee schedule, with the encounter's units, however often the event is delivered", async () => {
    const patientId = await newPatient();
    const e = await draft(patientId);
    // The peer holds no charge permission, yet sees where their own encounter stands in billing.
    const asDraft = await as(app, peer).get(`/api/v1/peer-encounters/${e['id']}/charge`);
    expect(asDraft.status).toBe(200);
    expect(asDraft.body).toMatchObject({ peerEncounterId: e['id'], chargeStatus: 'not_finalized', chargeId: null, units: null });
    await as(app, peer).post(`/api/v1/peer-encounters/${e['id']}/finalize`);
    const pending = await as(app, peer).get(`/api/v1/peer-encounters/${e['id']}/charge`);
    expect(pending.body).toMatchObject({ chargeStatus: 'pending', chargeId: null });
    const [event] = await events(e['id']);
    expect(await worker.chargePeer(event.payload, event.id)).toBe('processed');
    expect(await worker.chargePeer(event.payload, event.id)).toBe('duplicate');
    expect(await worker.chargePeer(event.payload)).toBe('processed'); // re-published: a new event id, the same encounter
    const page = await as(app, billing).get(`/api/v1/charges?sourceType=peer_encounter&patientId=${patientId}`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    // Arizona (midpoint): 53 minutes of H0038 are 4 units at Sonoran's 2025+ rate, as the encounter says.
    expect(page.body.items[0]).toMatchObject({
      status: 'ready',
      units: 4,
      rateCents: 1100,
      amountCents: 4400,
      source: { type: 'peer_encounter', id: e['id'] },
    });
    expect(page.body.items[0].units).toBe(e['units']);
    const charged = await as(app, peer).get(`/api/v1/peer-encounters/${e['id']}/charge`);
    expect(charged.status).toBe(200);
    expect(charged.body).toMatchObject({
      chargeStatus: 'ready',
      chargeId: page.body.items[0].id,
      holdReason: null,
      finalCode: 'H0038',
      units: 4,
      amountCents: 4400,
    });
    const reads = await demo.auditEvents(`action = 'peer-encounter.charge_read' AND resource_id = $1`, [e['id']]);
    expect(reads).toHaveLength(3);
    expect(reads[2]).toMatchObject({ outcome: 'success', patient_id: patientId });
    const [pmRead] = await demo.auditEvents(`action = 'charge.read_of_source' AND resource_id = $1`, [page.body.items[0].id]);
    expect(pmRead).toMatchObject({ outcome: 'success', patient_id: patientId });
    // Billing holds no peer encounter permission: the charge list is theirs, this read is not.
    expectProblem(await as(app, billing).get(`/api/v1/peer-encounters/${e['id']}/charge`), 403);
    expectProblem(await as(app, peer).get(`/api/v1/peer-encounters/${patientId}/charge`), 404);
  });

  it('finalizes two racing requests into one event', async () => {
    const patientId = await newPatient();
    const e = await draft(patientId);
    const statuses = (await Promise.all([1, 2].map(() => as(app, peer).post(`/api/v1/peer-encounters/${e['id']}/finalize`))))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 409]);
    expect(await events(e['id'])).toHaveLength(1);
  });

  it('refuses another staff member (403) and a future service date (422)', async () => {
    const patientId = await newPatient();
    const e = await draft(patientId);
    expectProblem(await as(app, sonoranAdmin).post(`/api/v1/peer-encounters/${e['id']}/finalize`), 403);
    const future = await draft(patientId, { serviceDate: '2099-01-05' });
    expectProblem(await as(app, peer).post(`/api/v1/peer-encounters/${future['id']}/finalize`), 422);
    expect(await events(future['id'])).toHaveLength(0);
    // Later today at the site (America/Phoenix): refused too, until its end time has passed.
    const local = new Date(Date.now() - 7 * 3600_000);
    const later = new Date(local.getTime() + 60 * 60_000);
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    if (later.toISOString().slice(0, 10) === local.toISOString().slice(0, 10) && hhmm(local) < hhmm(later)) {
      const tonight = await draft(patientId, {
        serviceDate: local.toISOString().slice(0, 10),
        startTime: hhmm(local),
        endTime: hhmm(later),
      });
      const refused = await as(app, peer).post(`/api/v1/peer-encounters/${tonight['id']}/finalize`);
      expectProblem(refused, 422);
      expect(refused.body.errors.map((x: { field: string }) => x.field)).toEqual(['serviceDate']);
      expect(await events(tonight['id'])).toHaveLength(0);
    }
    expectProblem(await as(app, peer).post('/api/v1/peer-encounters/00000000-0000-4000-8000-000000000000/finalize'), 404);
    // Each refusal leaves one row, committed although its transaction rolled back; ids only, no patient named.
    const refusals = await demo.auditEvents(`action = 'peer-encounter.finalize' AND resource_id = ANY($1)`, [[e['id'], future['id']]]);
    expect(refusals.map((r) => ({ id: r['resource_id'], outcome: r['outcome'], reason: r['reason'], patientId: r['patient_id'] }))).toEqual(
      [
        { id: e['id'], outcome: 'denied', reason: 'not_peer_provider', patientId: null },
        { id: future['id'], outcome: 'denied', reason: 'future_service_date', patientId: null },
      ],
    );
  });

  it('checks the code again when finalizing: a draft whose code is no longer a peer code answers 400 and publishes nothing', async () => {
    const patientId = await newPatient();
    const e = await draft(patientId);
    // As a draft saved under an older rule would be (the code library caches, so a rule change is simulated here).
    await demo.owner.query(`UPDATE cl_peer_encounters SET hcpcs_code = 'H0004' WHERE id = $1`, [e['id']]);
    const res = await as(app, peer).post(`/api/v1/peer-encounters/${e['id']}/finalize`);
    expectProblem(res, 400);
    expect(res.body.errors[0].field).toBe('hcpcsCode');
    expect(await events(e['id'])).toHaveLength(0);
    expect((await as(app, peer).get(`/api/v1/peer-encounters/${e['id']}`)).body).toMatchObject({ status: 'draft', encounterId: null });
    const { rows } = await demo.owner.query(`SELECT count(*)::int AS n FROM pm_encounters WHERE source_id = $1`, [e['id']]);
    expect(rows[0].n).toBe(0);
  });

  it('takes corrections as addenda after finalizing, not before', async () => {
    const patientId = await newPatient();
    const e = await draft(patientId);
    expectProblem(await as(app, peer).post(`/api/v1/peer-encounters/${e['id']}/addenda`).send({ body: 'Too early.' }), 409);
    await as(app, peer).post(`/api/v1/peer-encounters/${e['id']}/finalize`);
    expectProblem(await as(app, peer).post(`/api/v1/peer-encounters/${e['id']}/addenda`).send({ body: '   ' }), 400);
    const res = await as(app, peer)
      .post(`/api/v1/peer-encounters/${e['id']}/addenda`)
      .send({ body: 'Correction: the meeting was at the library.' });
    expect(res.status).toBe(201);
    expect(res.body.addenda).toEqual([expect.objectContaining({ authorId: peerId, body: 'Correction: the meeting was at the library.' })]);
    expect(res.body.status).toBe('finalized');
  });
});

describe("the patient's peer encounters", () => {
  it('lists them newest first with filters, 404 for a patient out of scope, 400 for a reversed range', async () => {
    const patientId = await newPatient();
    const older = await draft(patientId, { serviceDate: '2026-01-05' });
    const newer = await draft(patientId, { serviceDate: '2026-02-05' });
    await as(app, peer).post(`/api/v1/peer-encounters/${older['id']}/finalize`);
    const all = await as(app, peer).get(`/api/v1/patients/${patientId}/peer-encounters`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 2, page: 1 });
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([newer['id'], older['id']]);
    const finalized = await as(app, peer).get(`/api/v1/patients/${patientId}/peer-encounters?status=finalized`);
    expect(finalized.body.items.map((i: { id: string }) => i.id)).toEqual([older['id']]);
    expectProblem(await as(app, peer).get(`/api/v1/patients/${patientId}/peer-encounters?from=2026-03-01&to=2026-01-01`), 400);
    expectProblem(await as(app, peer).get(`/api/v1/patients/${patientId}/peer-encounters?status=signed`), 400);
    const notMine = (await demo.patientsAssignedTo('peer@sonoran.cairn.test', false, 1))[0]!;
    expectProblem(await as(app, peer).get(`/api/v1/patients/${notMine}/peer-encounters`), 404);
  });
});

describe('Part 2 (42 CFR) consent', () => {
  it('refuses a draft on a Part 2 chart without consent (403, nothing written) and allows it with one', async () => {
    const patientId = await newPatient(true);
    expectProblem(await as(app, peer).post('/api/v1/peer-encounters').send(draftBody(patientId)), 403);
    const { rows } = await demo.owner.query('SELECT count(*)::int AS n FROM cl_peer_encounters WHERE patient_id = $1', [patientId]);
    expect(rows[0].n).toBe(0);
    const [denied, ...more] = await demo.auditEvents(`action = 'peer-encounter.create' AND patient_id = $1`, [patientId]);
    expect(more).toHaveLength(0);
    expect(denied).toMatchObject({
      outcome: 'denied',
      resource_id: null,
      reason: 'part2: no consent covers peer encounters of this chart for you',
    });
    expect(denied!['scope']).toMatchObject({ part2: true });
    await consentTo(patientId);
    const e = await draft(patientId);
    expect(e['part2Notice']).toEqual(expect.stringContaining('42 CFR part 2'));
    const audit = await demo.auditEvents(`action = 'peer-encounter.create' AND resource_id = $1`, [e['id']]);
    expect(audit[0]!['scope']).toMatchObject({ part2: true, part2NoticeApplies: true });
  });

  it('hides the encounters from the moment the consent is revoked', async () => {
    const patientId = await newPatient(true);
    const consentId = await consentTo(patientId);
    const e = await draft(patientId);
    await as(app, peer).post(`/api/v1/peer-encounters/${e['id']}/finalize`);
    expect((await as(app, peer).get(`/api/v1/peer-encounters/${e['id']}`)).status).toBe(200);
    const chartBefore = await as(app, peer).get(`/api/v1/patients/${patientId}/encounters`);
    expect(chartBefore.body).toMatchObject({ withheld: 0, items: [expect.objectContaining({ encounterType: 'peer' })] });
    const revoked = await as(app, supervisor)
      .post(`/api/v1/patients/${patientId}/consents/${consentId}/revoke`)
      .send({ method: 'written' });
    expect(revoked.status).toBe(200);
    expectProblem(await as(app, peer).get(`/api/v1/peer-encounters/${e['id']}`), 404);
    // Nor its charge status: PM is not asked for an encounter the caller may not read.
    expectProblem(await as(app, peer).get(`/api/v1/peer-encounters/${e['id']}/charge`), 404);
    const list = await as(app, peer).get(`/api/v1/patients/${patientId}/peer-encounters`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ items: [], total: 0 });
    expectProblem(await as(app, peer).post(`/api/v1/peer-encounters/${e['id']}/addenda`).send({ body: 'After revocation.' }), 404);
    // The chart's PM encounter list withholds the peer encounter too (counted, not described).
    const chartAfter = await as(app, peer).get(`/api/v1/patients/${patientId}/encounters`);
    expect(chartAfter.body).toMatchObject({ items: [], withheld: 1, withheldReason: 'revoked' });
  });
});

describe('peer service types and the use_pf15 setting', () => {
  it('lists the PF-15 types by default', async () => {
    const res = await as(app, peer).get('/api/v1/peer-service-types');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ usePf15: true, source: 'pf15' });
    expect(res.body.inForce.map((t: { key: string }) => t.key)).toEqual(['peer_support', 'recovery_coaching', 'crisis_peer']);
  });

  it('lets only admins and owners manage types and the setting', async () => {
    expectProblem(await as(app, peer).post('/api/v1/peer-service-types').send({ key: 'outreach', label: 'Outreach' }), 403);
    expectProblem(await as(app, peer).put('/api/v1/peer-settings').send({ usePf15: false }), 403);
    expectProblem(await as(app, supervisor).get('/api/v1/peer-settings'), 403);
    expectProblem(await as(app, billing).get('/api/v1/peer-service-types'), 403);
  });

  it('switches Cascade to its own vocabulary, validates encounters against it, and back', async () => {
    const admin = await login(app, 'admin@cascade.cairn.test');
    const cascadePeer = await login(app, 'peer@cascade.cairn.test');
    const cascadePeerId = await demo.userId('peer@cascade.cairn.test');
    const cascadeAdminId = await demo.userId('admin@cascade.cairn.test');
    const key = `outreach_${letters()}`;

    expectProblem(await as(app, admin).post('/api/v1/peer-service-types').send({ key: 'Bad Key', label: 'x' }), 400);
    // Cascade starts on PF-15 with no own types (or only retired ones): switching needs an active one.
    await demo.owner.query(
      `UPDATE cl_peer_service_types SET active = false WHERE organization_id = (SELECT id FROM pf_organizations WHERE slug = 'cascade')`,
    );
    expectProblem(await as(app, admin).put('/api/v1/peer-settings').send({ usePf15: false }), 422);
    const created = await as(app, admin).post('/api/v1/peer-service-types').send({ key, label: 'Community outreach' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key, label: 'Community outreach', source: 'organization', active: true });
    expectProblem(await as(app, admin).post('/api/v1/peer-service-types').send({ key, label: 'Again' }), 409);
    // One row for the type created; the taken key (409) and the bad key (400) leave none.
    const typeRows = await demo.auditEvents(`action = 'peer-service-type.create' AND scope->>'key' = $1`, [key]);
    expect(typeRows.map((r) => ({ id: r['resource_id'], outcome: r['outcome'] }))).toEqual([{ id: created.body.id, outcome: 'success' }]);
    expectProblem(await as(app, admin).put('/api/v1/peer-settings').send({ usePf15: 'no' }), 400);
    try {
      const set = await as(app, admin).put('/api/v1/peer-settings').send({ usePf15: false });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ usePf15: false, source: 'organization' });
      expect(set.body.inForce.map((t: { key: string }) => t.key)).toEqual([key]);
      expectProblem(await as(app, admin).patch(`/api/v1/peer-service-types/${created.body.id}`).send({ active: false }), 422);
      expectProblem(
        await as(app, admin).patch('/api/v1/peer-service-types/00000000-0000-4000-8000-000000000000').send({ label: 'x' }),
        404,
      );

      // A Cascade patient the peer sees (site-wide scope is not theirs: put them on a care team).
      const pdx = (await demo.sites('cascade')).find((s) => s.code === 'PDX')!.id;
      const reg = await as(app, admin)
        .post('/api/v1/patients')
        .send({
          siteId: pdx,
          firstName: 'Ash',
          lastName: `Peer${letters()}`,
          dateOfBirth: '1990-01-02',
          primaryTherapistId: await demo.userId('clinician@cascade.cairn.test'),
        });
      expect(reg.status).toBe(201);
      await as(app, admin).post(`/api/v1/patients/${reg.body.id}/care-team`).send({ staffUserId: cascadePeerId, role: 'peer_specialist' });
      const pf15 = await as(app, cascadePeer)
        .post('/api/v1/peer-encounters')
        .send(draftBody(reg.body.id, { serviceType: 'peer_support' }));
      expectProblem(pf15, 400);
      expect(pf15.body.errors[0].field).toBe('serviceType');
      const own = await as(app, cascadePeer)
        .post('/api/v1/peer-encounters')
        .send(draftBody(reg.body.id, { serviceType: key }));
      expect(own.status).toBe(201);
      // Oregon has no profile of its own: the CMS default (8-minute rule) counts 53 minutes as 4 units too.
      expect(own.body).toMatchObject({ serviceType: key, serviceTypeSource: 'organization', units: 4 });
      const audit = await demo.auditEvents(`action = 'peer-settings.update' AND actor_user_id = $1`, [cascadeAdminId]);
      expect(audit.length).toBeGreaterThan(0);
      // The setting is the organization's: the row names it, with the value before and after.
      expect(audit.at(-1)).toMatchObject({ resource_type: 'peer_settings', resource_id: await demo.orgId('cascade'), outcome: 'success' });
      expect(audit.at(-1)!['scope']).toMatchObject({ before: { usePf15: true }, after: { usePf15: false } });
    } finally {
      const back = await as(app, admin).put('/api/v1/peer-settings').send({ usePf15: true });
      expect(back.status).toBe(200);
    }
  });
});

describe('overlapping peer encounters of one patient', () => {
  const post = (body: Record<string, unknown>) => as(app, peer).post('/api/v1/peer-encounters').send(body);
  const count = async (patientId: string) =>
    Number((await demo.owner.query('SELECT count(*) FROM cl_peer_encounters WHERE patient_id = $1', [patientId])).rows[0].count);

  it('answers 409 problem+json naming the overlapping encounter, writes nothing, and saves it once confirmed (audited)', async () => {
    const patientId = await newPatient();
    const first = await draft(patientId, { startTime: '09:00', endTime: '10:00' });
    const res = await post(draftBody(patientId, { startTime: '09:30', endTime: '10:30' }));
    expectProblem(res, 409);
    expect(res.body.detail).toContain(first['id']);
    expect(res.body.detail).toContain('09:00-10:00');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'confirmOverlap' })]);
    expect(JSON.stringify(res.body)).not.toContain('recovery capital'); // names the encounter, never its notes
    expect(await count(patientId)).toBe(1);

    const confirmed = await post(draftBody(patientId, { startTime: '09:30', endTime: '10:30', confirmOverlap: true }));
    expect(confirmed.status).toBe(201);
    const [event] = await demo.auditEvents(`action = 'peer-encounter.create' AND resource_id = $1`, [confirmed.body.id]);
    expect(event!['scope']).toMatchObject({ overlapConfirmedWith: [first['id']] });
    expect(await count(patientId)).toBe(2);
  });

  it('lets touching times, another day and another patient through without confirming', async () => {
    const patientId = await newPatient();
    await draft(patientId, { startTime: '09:00', endTime: '10:00' });
    expect((await post(draftBody(patientId, { startTime: '10:00', endTime: '10:45' }))).status).toBe(201);
    expect((await post(draftBody(patientId, { startTime: '08:15', endTime: '09:00' }))).status).toBe(201);
    expect((await post(draftBody(patientId, { serviceDate: '2026-03-11', startTime: '09:00', endTime: '10:00' }))).status).toBe(201);
    expect((await post(draftBody(await newPatient(), { startTime: '09:00', endTime: '10:00' }))).status).toBe(201);
  });

  it('checks a draft moved onto another encounter (PATCH), but not an edit that keeps its times', async () => {
    const patientId = await newPatient();
    const a = await draft(patientId, { startTime: '09:00', endTime: '10:00' });
    const b = await draft(patientId, { startTime: '11:00', endTime: '12:00' });
    const moved = await as(app, peer).patch(`/api/v1/peer-encounters/${b['id']}`).send({ startTime: '09:45', endTime: '10:45' });
    expectProblem(moved, 409);
    expect(moved.body.detail).toContain(a['id']);
    expect((await as(app, peer).get(`/api/v1/peer-encounters/${b['id']}`)).body).toMatchObject({ startTime: '11:00', endTime: '12:00' });
    const ok = await as(app, peer)
      .patch(`/api/v1/peer-encounters/${b['id']}`)
      .send({ startTime: '09:45', endTime: '10:45', confirmOverlap: true });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ startTime: '09:45', endTime: '10:45', durationMinutes: 60 });
    // Saved over a confirmed overlap: editing its notes alone needs no new confirmation.
    expect((await as(app, peer).patch(`/api/v1/peer-encounters/${b['id']}`).send({ focusNotes: 'Follow-up call planned.' })).status).toBe(
      200,
    );
  });

  it('answers 400 naming confirmOverlap when it is not a boolean', async () => {
    const patientId = await newPatient();
    for (const value of ['yes', 1]) {
      const res = await post(draftBody(patientId, { confirmOverlap: value }));
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('confirmOverlap');
    }
    const e = await draft(patientId);
    const res = await as(app, peer).patch(`/api/v1/peer-encounters/${e['id']}`).send({ confirmOverlap: 'true' });
    expectProblem(res, 400);
    expect(res.body.errors.map((x: { field: string }) => x.field)).toContain('confirmOverlap');
    expect(await count(patientId)).toBe(1);
  });
});
