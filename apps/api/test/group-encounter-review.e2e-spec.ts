import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';

import type { ClGroupSessionDocumentedV1 } from '@cairn/platform/clinical';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { GenerationWorker } from './support/generation-worker';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// CL-14-EN-01 batch review over HTTP. Generations come from the real consumer and PM's real encounter handler
// (GenerationWorker); the review goes through the real API against this run's database.
let app: INestApplication;
let worker: GenerationWorker;
const demo = new DemoFixture();
let supervisor: StaffSession;
let billing: StaffSession;
let manager: StaffSession;
let hr: StaffSession;
let northSupervisor: StaffSession;
let cascadeSupervisor: StaffSession;
let org: string;
let tucson: string;
let facilitator: string;
let patients: { patient_id: string; chart_id: string }[];
let part2Consented: { patient_id: string; chart_id: string };
let part2Unconsented: { patient_id: string; chart_id: string };

const URL = '/api/v1/group-encounter-generations';
const APPROVED = 'cl_group_encounters_approved.v1';
const letters = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const today = new Date().toISOString().slice(0, 10);

type Attendee = ClGroupSessionDocumentedV1['attendees'][number];
const present = (p: { patient_id: string; chart_id: string }, minutes = 60): Attendee => ({
  ...p,
  attendance_status: 'present',
  minutes_attended: minutes,
});
const partial = (p: { patient_id: string; chart_id: string }, minutes: number): Attendee => ({
  ...p,
  attendance_status: 'partial',
  minutes_attended: minutes,
});
const absent = (p: { patient_id: string; chart_id: string }): Attendee => ({ ...p, attendance_status: 'absent', minutes_attended: 0 });

function session(attendees: Attendee[], over: Partial<ClGroupSessionDocumentedV1> = {}): ClGroupSessionDocumentedV1 {
  return {
    organization_id: org,
    session_id: randomUUID(),
    group_id: randomUUID(),
    site_id: tucson,
    group_type: 'psychotherapy_group',
    sud_program: false,
    modality: 'in_person',
    session_date: '2026-10-05',
    start_time: '10:00',
    end_time: '11:00',
    duration_minutes: 60,
    facilitator_id: facilitator,
    documented_by: facilitator,
    documented_at: new Date().toISOString(),
    attendees,
    ...over,
  };
}

/** Documents a session through the consumer and returns its generations (as the supervisor lists them) by patient. */
async function documented(s: ClGroupSessionDocumentedV1) {
  expect(await worker.document(s)).toBe('processed');
  const res = await as(app, supervisor).get(`${URL}?sessionId=${s.session_id}&pageSize=200`);
  expect(res.status).toBe(200);
  const rows = res.body.items as Array<Record<string, any>>;
  const byPatient = new Map<string, Record<string, any>>();
  for (const r of rows) byPatient.set(r['patientId'] ?? `hidden-${r['id']}`, r);
  return { rows, of: (p: { patient_id: string }) => byPatient.get(p.patient_id)! };
}

async function approvalEvents(sessionId: string): Promise<Array<{ id: string; payload: any }>> {
  const { rows } = await demo.owner.query(
    `SELECT id, payload FROM pf_outbox_events WHERE event_type = $1 AND payload->>'session_id' = $2 ORDER BY occurred_at`,
    [APPROVED, sessionId],
  );
  return rows;
}

/** A review row withheld for want of a Part 2 consent, exactly: its id and why, every other field null. */
function withheldShape(id: string) {
  return {
    id,
    withheldReason: 'part2_consent_required',
    groupSessionId: null,
    groupId: null,
    groupName: null,
    siteId: null,
    sessionDate: null,
    groupType: null,
    modality: null,
    sudProgram: true,
    patientId: null,
    patientName: null,
    chartId: null,
    encounterId: null,
    attendanceStatus: null,
    minutesAttended: null,
    status: null,
    proposedCodeSystem: null,
    proposedCptCode: null,
    proposedModifiers: null,
    billable: null,
    flags: { belowMinimum: null, notBillableReason: null, notBillableDetail: null, consentRequired: true },
    reviewedBy: null,
    reviewedAt: null,
    rejectionReason: null,
    part2Notice: null,
    version: null,
    createdAt: null,
    updatedAt: null,
  };
}

async function newPart2Patient(withConsent: boolean) {
  const res = await as(app, supervisor)
    .post('/api/v1/patients')
    .send({
      siteId: tucson,
      firstName: 'Iris',
      lastName: `Group${letters()}`,
      dateOfBirth: '1988-02-03',
      primaryTherapistId: facilitator,
      isPart2: true,
      part2ProgramName: 'Opioid Treatment Program',
    });
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  const patientId = res.body.id as string;
  if (withConsent) {
    const c = await as(app, supervisor)
      .post(`/api/v1/patients/${patientId}/consents`)
      .send({
        consentType: 'tpo',
        disclosingParty: 'Sonoran Behavioral Health, Opioid Treatment Program',
        informationDescription: 'All SUD treatment records',
        recordTypes: ['*'],
        recipients: [{ type: 'organization', organizationId: org, name: 'Sonoran Behavioral Health' }],
        purposes: ['treatment', 'payment', 'health_care_operations'],
        expirationEvent: 'none',
        signedBy: 'patient',
        signedOn: today,
        statements: ['right_to_revoke', 'redisclosure', 'treatment_not_conditioned'],
      });
    if (c.status !== 201) throw new Error(`consent answered ${c.status}: ${JSON.stringify(c.body)}`);
  }
  const { rows } = await demo.owner.query('SELECT patient_id, id AS chart_id FROM cl_charts WHERE patient_id = $1', [patientId]);
  return rows[0] as { patient_id: string; chart_id: string };
}

beforeAll(async () => {
  app = await bootApi();
  worker = await GenerationWorker.start();
  [supervisor, billing, manager, hr, northSupervisor, cascadeSupervisor] = await Promise.all([
    login(app, 'supervisor@sonoran.cairn.test'),
    login(app, 'billing@sonoran.cairn.test'),
    login(app, 'manager@sonoran.cairn.test'),
    login(app, 'hr@sonoran.cairn.test'),
    login(app, 'supervisor.north@sonoran.cairn.test'),
    login(app, 'supervisor@cascade.cairn.test'),
  ]);
  org = await demo.orgId('sonoran');
  tucson = (await demo.sites('sonoran')).find((s) => s.code === 'TUC')!.id;
  facilitator = await demo.userId('clinician@sonoran.cairn.test');
  const { rows } = await demo.owner.query(
    `SELECT p.id AS patient_id, c.id AS chart_id FROM cl_patients p JOIN cl_charts c ON c.organization_id = p.organization_id AND c.patient_id = p.id
     WHERE p.site_id = $1 AND NOT c.is_part2 ORDER BY p.id LIMIT 8`,
    [tucson],
  );
  patients = rows;
  expect(patients).toHaveLength(8);
  part2Consented = await newPart2Patient(true);
  part2Unconsented = await newPart2Patient(false);
}, 120_000);
afterAll(async () => {
  await worker?.close();
  await app?.close();
  await demo.close();
});

describe('generation (through the consumer)', () => {
  it('tracks every attendee: encounters for present and partial, a below-minimum partial flagged not billable, absent with no encounter', async () => {
    const [p1, p2, p3, p4] = patients as [(typeof patients)[0], (typeof patients)[0], (typeof patients)[0], (typeof patients)[0]];
    const s = session([present(p1), partial(p2, 40), partial(p3, 20), absent(p4)]);
    const { rows, of } = await documented(s);
    expect(rows).toHaveLength(4);
    expect(of(p1)).toMatchObject({
      status: 'pending_review',
      billable: true,
      proposedCodeSystem: 'CPT',
      proposedCptCode: '90853',
      proposedModifiers: [],
      minutesAttended: 60,
      encounterId: expect.any(String),
    });
    expect(of(p2)).toMatchObject({ status: 'pending_review', billable: true, attendanceStatus: 'partial', minutesAttended: 40 });
    expect(of(p3)).toMatchObject({
      status: 'pending_review',
      billable: false,
      proposedCptCode: null,
      encounterId: expect.any(String),
      flags: {
        belowMinimum: true,
        notBillableReason: 'below_minimum_minutes',
        consentRequired: false,
        notBillableDetail: expect.stringContaining('requires at least 30'),
      },
    });
    expect(of(p4)).toMatchObject({ status: 'not_generated', billable: false, encounterId: null, flags: { notBillableReason: 'absent' } });
    const enc = await demo.owner.query(
      `SELECT patient_id, encounter_type, duration_minutes FROM pm_encounters WHERE source_id = $1 ORDER BY duration_minutes`,
      [s.session_id],
    );
    expect(enc.rows).toEqual([
      { patient_id: p3.patient_id, encounter_type: 'group', duration_minutes: 20 },
      { patient_id: p2.patient_id, encounter_type: 'group', duration_minutes: 40 },
      { patient_id: p1.patient_id, encounter_type: 'group', duration_minutes: 60 },
    ]);
  });

  it('adds the telehealth modifier, and flags rows not billable when the code is not billable on the session date or the group type has no code', async () => {
    const tele = await documented(session([present(patients[0]!)], { modality: 'telehealth_video' }));
    expect(tele.rows[0]).toMatchObject({ proposedCptCode: '90853', proposedModifiers: ['GT'], billable: true });
    const early = await documented(session([present(patients[0]!)], { session_date: '1999-06-01' }));
    expect(early.rows[0]).toMatchObject({
      billable: false,
      proposedCptCode: '90853',
      flags: { notBillableReason: 'invalid_code', notBillableDetail: expect.stringContaining('90853') },
    });
    const unmapped = await documented(session([present(patients[0]!)], { group_type: 'drum_circle' }));
    expect(unmapped.rows[0]).toMatchObject({ billable: false, proposedCptCode: null, flags: { notBillableReason: 'no_code_mapping' } });
  });
});

describe('GET /api/v1/group-encounter-generations', () => {
  it('filters by session, status, date range and site, and paginates', async () => {
    const site2 = (await demo.sites('sonoran')).find((s) => s.code === 'PHX')!.id;
    const a = session(
      patients.slice(0, 5).map((p) => present(p)),
      { session_date: '2026-09-01' },
    );
    const b = session(
      patients.slice(0, 3).map((p) => present(p)),
      { session_date: '2026-09-03' },
    );
    const c = session([present(patients[5]!)], { session_date: '2026-09-02', site_id: site2 });
    for (const s of [a, b, c]) expect(await worker.document(s)).toBe('processed');
    const get = (q: string) => as(app, supervisor).get(`${URL}?${q}`);

    const range = await get('from=2026-09-01&to=2026-09-03&pageSize=200');
    expect(range.body.total).toBe(9);
    expect(range.body.items[0].sessionDate).toBe('2026-09-03'); // newest session first
    const tucsonOnly = await get(`from=2026-09-01&to=2026-09-03&siteId=${tucson}`);
    expect(tucsonOnly.body.total).toBe(8);
    const page1 = await get(`sessionId=${a.session_id}&page=1&pageSize=2`);
    const page3 = await get(`sessionId=${a.session_id}&page=3&pageSize=2`);
    expect(page1.body).toMatchObject({ page: 1, pageSize: 2, total: 5 });
    expect(page1.body.items).toHaveLength(2);
    expect(page3.body.items).toHaveLength(1);
    const ids = new Set(
      [...page1.body.items, ...(await get(`sessionId=${a.session_id}&page=2&pageSize=2`)).body.items, ...page3.body.items].map(
        (r: { id: string }) => r.id,
      ),
    );
    expect(ids.size).toBe(5);

    await as(app, supervisor)
      .post(`${URL}/approve`)
      .send({ ids: [page1.body.items[0].id] });
    const approved = await get(`sessionId=${a.session_id}&status=approved`);
    expect(approved.body.items.map((r: { id: string }) => r.id)).toEqual([page1.body.items[0].id]);
    expect((await get(`sessionId=${a.session_id}&status=pending_review`)).body.total).toBe(4);
  });

  it('answers 400 naming the field for bad filters', async () => {
    const bad = await as(app, supervisor).get(`${URL}?status=maybe&from=yesterday&sessionId=x&pageSize=0`);
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['status', 'from', 'sessionId', 'pageSize']),
    );
    const inverted = await as(app, supervisor).get(`${URL}?from=2026-09-03&to=2026-09-01`);
    expectProblem(inverted, 400);
    expect(inverted.body.errors[0].field).toBe('to');
  });

  it('audits the list with the generation ids', async () => {
    const s = session([present(patients[0]!)], { session_date: '2026-08-01' });
    await worker.document(s);
    const res = await as(app, supervisor).get(`${URL}?sessionId=${s.session_id}`);
    const [event] = await demo.auditEvents(`action = 'group-encounter-generation.list' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(event).toMatchObject({
      outcome: 'success',
      scope: expect.objectContaining({ generationIds: [res.body.items[0].id], filters: ['sessionId'] }),
    });
  });
});

describe('permissions and scope', () => {
  let s: ClGroupSessionDocumentedV1;
  let id: string;
  beforeAll(async () => {
    s = session([present(patients[6]!)], { session_date: '2026-07-01' });
    id = (await documented(s)).rows[0]!['id'];
  });

  it('refuses HR (403) and lets a view-only practice manager list but not approve, reject or edit', async () => {
    expectProblem(await as(app, hr).get(URL), 403);
    expect((await as(app, manager).get(`${URL}?sessionId=${s.session_id}`)).body.total).toBe(1);
    expectProblem(
      await as(app, manager)
        .post(`${URL}/approve`)
        .send({ ids: [id] }),
      403,
    );
    expectProblem(await as(app, manager).post(`${URL}/${id}/reject`).send({ reason: 'no' }), 403);
    expectProblem(await as(app, manager).patch(`${URL}/${id}`).send({ proposedCptCode: '90853', modifiers: [] }), 403);
  });

  it('lets billing coordinators approve but not edit codes', async () => {
    expectProblem(await as(app, billing).patch(`${URL}/${id}`).send({ proposedCptCode: '90853', modifiers: [] }), 403);
    expect((await as(app, billing).get(`${URL}?sessionId=${s.session_id}`)).body.total).toBe(1);
  });

  it('keeps rows of another organization or another site absent: listed nowhere, not_found when acted on', async () => {
    expect((await as(app, cascadeSupervisor).get(`${URL}?sessionId=${s.session_id}`)).body.total).toBe(0);
    const other = await as(app, cascadeSupervisor)
      .post(`${URL}/approve`)
      .send({ ids: [id] });
    expect(other.body.results).toEqual([expect.objectContaining({ id, outcome: 'not_found', generation: null })]);
    expectProblem(await as(app, cascadeSupervisor).post(`${URL}/${id}/approve`), 404);
    expectProblem(await as(app, cascadeSupervisor).patch(`${URL}/${id}`).send({ proposedCptCode: '90853', modifiers: [] }), 404);
    expectProblem(await as(app, cascadeSupervisor, org).get(URL), 403);
    expect((await as(app, northSupervisor).get(`${URL}?sessionId=${s.session_id}`)).body.total).toBe(0);
    expectProblem(await as(app, northSupervisor).post(`${URL}/${id}/approve`), 404);
    expect((await demo.owner.query('SELECT status FROM cl_group_encounter_generations WHERE id = $1', [id])).rows[0].status).toBe(
      'pending_review',
    );
  });
});

describe('approve and reject', () => {
  it('answers per item in bulk, publishes one event per session with exactly the seed payload, and approving twice publishes nothing', async () => {
    const [p1, p2, p3, p4] = patients as [(typeof patients)[0], (typeof patients)[0], (typeof patients)[0], (typeof patients)[0]];
    const s = session([present(p1), partial(p2, 45), partial(p3, 10), absent(p4)], {
      modality: 'telehealth_video',
      session_date: '2026-10-10',
    });
    const { of } = await documented(s);
    const ghost = randomUUID();
    const res = await as(app, supervisor)
      .post(`${URL}/approve`)
      .send({ ids: [of(p1).id, of(p2).id, of(p3).id, of(p4).id, ghost, of(p1).id] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { id: string; outcome: string }) => [r.id, r.outcome])).toEqual([
      [of(p1).id, 'approved'],
      [of(p2).id, 'approved'],
      [of(p3).id, 'not_billable'],
      [of(p4).id, 'not_billable'],
      [ghost, 'not_found'],
    ]);
    expect(res.body.eventsPublished).toBe(1);
    const events = await approvalEvents(s.session_id);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toStrictEqual({
      session_id: s.session_id,
      approved_generations: [of(p1), of(p2)]
        .map((g) => ({
          generation_id: g.id,
          encounter_id: g.encounterId,
          patient_id: g.patientId,
          proposed_cpt_code: '90853',
          duration_minutes: g.minutesAttended,
          modifiers: ['GT'],
        }))
        .sort(
          (a, b) =>
            events[0]!.payload.approved_generations.findIndex((x: { generation_id: string }) => x.generation_id === a.generation_id) -
            events[0]!.payload.approved_generations.findIndex((x: { generation_id: string }) => x.generation_id === b.generation_id),
        ),
      organization_id: org,
    });
    expect(Object.keys(events[0]!.payload.approved_generations[0]).sort()).toEqual([
      'duration_minutes',
      'encounter_id',
      'generation_id',
      'modifiers',
      'patient_id',
      'proposed_cpt_code',
    ]);

    const again = await as(app, billing)
      .post(`${URL}/approve`)
      .send({ ids: [of(p1).id, of(p2).id] });
    expect(again.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['already_approved', 'already_approved']);
    expect(again.body.eventsPublished).toBe(0);
    const single = await as(app, supervisor).post(`${URL}/${of(p1).id}/approve`);
    expect(single.status).toBe(200);
    expect(single.body.outcome).toBe('already_approved');
    expect(await approvalEvents(s.session_id)).toHaveLength(1);
    const row = await demo.owner.query('SELECT status, reviewed_by, approval_id FROM cl_group_encounter_generations WHERE id = $1', [
      of(p1).id,
    ]);
    expect(row.rows[0]).toMatchObject({
      status: 'approved',
      reviewed_by: await demo.userId('supervisor@sonoran.cairn.test'),
      approval_id: expect.any(String),
    });
  });

  it('needs a reason to reject (400 naming reason), keeps it on the row and publishes nothing', async () => {
    const s = session([present(patients[0]!), present(patients[1]!)], { session_date: '2026-10-11' });
    const { rows } = await documented(s);
    const [a, b] = rows.map((r) => r['id'] as string);
    for (const res of [
      await as(app, supervisor)
        .post(`${URL}/reject`)
        .send({ ids: [a] }),
      await as(app, supervisor).post(`${URL}/${a}/reject`).send({}),
      await as(app, supervisor).post(`${URL}/${a}/reject`).send({ reason: '   ' }),
    ]) {
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    }
    const bulk = await as(app, supervisor)
      .post(`${URL}/reject`)
      .send({ ids: [a, b], reason: 'Duplicate of the 10:00 session' });
    expect(bulk.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['rejected', 'rejected']);
    expect(bulk.body.results[0].generation).toMatchObject({ status: 'rejected', rejectionReason: 'Duplicate of the 10:00 session' });
    expect((await as(app, supervisor).post(`${URL}/${a}/reject`).send({ reason: 'again' })).body.outcome).toBe('already_rejected');
    expect(await approvalEvents(s.session_id)).toHaveLength(0);
  });

  it('answers 409 for approving a rejected row or rejecting an approved one (per-item conflict in bulk), 422 for a non-billable one', async () => {
    const s = session([present(patients[0]!), present(patients[1]!), partial(patients[2]!, 5)], { session_date: '2026-10-12' });
    const { of } = await documented(s);
    const [a, b, low] = [of(patients[0]!).id, of(patients[1]!).id, of(patients[2]!).id];
    await as(app, supervisor).post(`${URL}/${a}/approve`);
    await as(app, supervisor).post(`${URL}/${b}/reject`).send({ reason: 'Not a billable group' });
    expectProblem(await as(app, supervisor).post(`${URL}/${a}/reject`).send({ reason: 'changed my mind' }), 409);
    expectProblem(await as(app, supervisor).post(`${URL}/${b}/approve`), 409);
    expectProblem(await as(app, supervisor).post(`${URL}/${low}/approve`), 422);
    const bulkApprove = await as(app, supervisor)
      .post(`${URL}/approve`)
      .send({ ids: [b] });
    expect(bulkApprove.body.results[0]).toMatchObject({ outcome: 'conflict', detail: expect.any(String) });
    const bulkReject = await as(app, supervisor)
      .post(`${URL}/reject`)
      .send({ ids: [a], reason: 'x' });
    expect(bulkReject.body.results[0].outcome).toBe('conflict');
    expectProblem(await as(app, supervisor).patch(`${URL}/${a}`).send({ proposedCptCode: '90853', modifiers: [] }), 409);
    // The refused edit is audited although its transaction rolled back.
    expect(await demo.auditEvents(`action = 'group-encounter-generation.edit' AND resource_id = $1`, [a])).toEqual([
      expect.objectContaining({ outcome: 'denied', reason: 'decided:approved' }),
    ]);
    const rows = await demo.owner.query('SELECT id, status FROM cl_group_encounter_generations WHERE group_session_id = $1', [
      s.session_id,
    ]);
    expect(Object.fromEntries(rows.rows.map((r) => [r.id, r.status]))).toEqual({
      [a]: 'approved',
      [b]: 'rejected',
      [low]: 'pending_review',
    });
    expect(
      (await approvalEvents(s.session_id)).map((e) =>
        e.payload.approved_generations.map((g: { generation_id: string }) => g.generation_id),
      ),
    ).toEqual([[a]]);
  });

  it('audits each review action once: success naming the one patient it changed, denied when nothing could change', async () => {
    const s = session([present(patients[0]!), present(patients[1]!)], { session_date: '2026-10-14' });
    const { of } = await documented(s);
    const [a, b] = [of(patients[0]!).id as string, of(patients[1]!).id as string];
    const approved = await as(app, supervisor)
      .post(`${URL}/approve`)
      .send({ ids: [a] });
    const rejected = await as(app, supervisor)
      .post(`${URL}/reject`)
      .send({ ids: [b], reason: 'Not a billable group' });
    const refused = await as(app, supervisor)
      .post(`${URL}/approve`)
      .send({ ids: [b] });
    const rowsOf = (res: { headers: Record<string, string> }, action: string) =>
      demo.auditEvents('action = $1 AND request_id = $2', [action, res.headers['x-request-id']]);
    expect(await rowsOf(approved, 'group-encounter-generation.approve')).toEqual([
      expect.objectContaining({
        outcome: 'success',
        reason: null,
        resource_type: 'group_encounter_generation',
        resource_id: a,
        patient_id: patients[0]!.patient_id,
        scope: expect.objectContaining({
          requested: 1,
          outcomes: { approved: 1 },
          approvalId: expect.any(String),
          approvedIds: [a],
          sessionIds: [s.session_id],
        }),
      }),
    ]);
    expect(await rowsOf(rejected, 'group-encounter-generation.reject')).toEqual([
      expect.objectContaining({
        outcome: 'success',
        resource_id: b,
        patient_id: patients[1]!.patient_id,
        scope: expect.objectContaining({ outcomes: { rejected: 1 }, rejectedIds: [b] }),
      }),
    ]);
    expect(JSON.stringify(await rowsOf(rejected, 'group-encounter-generation.reject'))).not.toContain('Not a billable group');
    expect(await rowsOf(refused, 'group-encounter-generation.approve')).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        reason: null,
        resource_id: b,
        patient_id: null,
        scope: expect.objectContaining({ outcomes: { conflict: 1 }, approvalId: null, approvedIds: [], sessionIds: [] }),
      }),
    ]);
  });

  it('refuses a decided row in the database too (trigger), whoever writes', async () => {
    const s = session([present(patients[0]!)], { session_date: '2026-10-13' });
    const [row] = (await documented(s)).rows;
    await as(app, supervisor).post(`${URL}/${row!['id']}/approve`);
    await expect(
      demo.owner.query(`UPDATE cl_group_encounter_generations SET status = 'rejected', rejection_reason = 'x' WHERE id = $1`, [row!['id']]),
    ).rejects.toThrow(/cannot change/);
  });
});

describe('PATCH /api/v1/group-encounter-generations/:id (code edits)', () => {
  let s: ClGroupSessionDocumentedV1;
  let id: string;
  let lowId: string;
  beforeAll(async () => {
    s = session([present(patients[0]!), partial(patients[1]!, 10)], { session_date: '2026-10-20' });
    const { of } = await documented(s);
    [id, lowId] = [of(patients[0]!).id, of(patients[1]!).id];
  });

  it.each([
    ['an unknown code', { proposedCptCode: 'ZZ999', modifiers: [] }, 'proposedCptCode'],
    ['an ended code', { proposedCptCode: '90806', modifiers: [] }, 'proposedCptCode'],
    ['a modifier as the code', { proposedCptCode: 'HQ', modifiers: [] }, 'proposedCptCode'],
    ['a malformed code', { proposedCptCode: '9-0', modifiers: [] }, 'proposedCptCode'],
    ['an unknown modifier', { proposedCptCode: '90853', modifiers: ['HQ', 'Q9'] }, 'modifiers[1]'],
    ['a CPT code as a modifier', { proposedCptCode: '90853', modifiers: ['90853'] }, 'modifiers[0]'],
    ['a repeated modifier', { proposedCptCode: '90853', modifiers: ['HQ', 'HQ'] }, 'modifiers[1]'],
    ['no modifiers array', { proposedCptCode: '90853' }, 'modifiers'],
  ])('answers 400 naming the field for %s', async (_name, body, field) => {
    const res = await as(app, supervisor).patch(`${URL}/${id}`).send(body);
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const row = await demo.owner.query('SELECT proposed_cpt_code, version FROM cl_group_encounter_generations WHERE id = $1', [id]);
    expect(row.rows[0]).toEqual({ proposed_cpt_code: '90853', version: 1 });
  });

  it('changes the code and modifiers while pending, audits before and after, and the approval carries the edited code', async () => {
    const res = await as(app, supervisor)
      .patch(`${URL}/${id}`)
      .send({ proposedCptCode: 'h0005', modifiers: ['hq', 'HF'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      proposedCodeSystem: 'HCPCS',
      proposedCptCode: 'H0005',
      proposedModifiers: ['HQ', 'HF'],
      billable: true,
      version: 2,
    });
    const [event] = await demo.auditEvents(`action = 'group-encounter-generation.edit' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(event).toMatchObject({
      outcome: 'success',
      resource_id: id,
      patient_id: patients[0]!.patient_id,
      scope: expect.objectContaining({
        before: expect.objectContaining({ code: '90853', modifiers: [] }),
        after: expect.objectContaining({ code: 'H0005', modifiers: ['HQ', 'HF'] }),
      }),
    });
    await as(app, supervisor).post(`${URL}/${id}/approve`);
    const [approved] = await approvalEvents(s.session_id);
    expect(approved!.payload.approved_generations[0]).toMatchObject({
      generation_id: id,
      proposed_cpt_code: 'H0005',
      modifiers: ['HQ', 'HF'],
    });
  });

  it('keeps a below-minimum row not billable whatever code is set', async () => {
    const res = await as(app, supervisor).patch(`${URL}/${lowId}`).send({ proposedCptCode: '90853', modifiers: [] });
    expect(res.body).toMatchObject({ proposedCptCode: '90853', billable: false, flags: { belowMinimum: true } });
    expectProblem(await as(app, supervisor).post(`${URL}/${lowId}/approve`), 422);
  });
});

describe('42 CFR Part 2', () => {
  it('hides the identifiers of SUD-program rows without consent, refuses to approve or edit them, and marks disclosed rows', async () => {
    const s = session([present(part2Consented), present(part2Unconsented), present(patients[7]!)], {
      group_type: 'sud_group_counseling',
      sud_program: true,
      session_date: '2026-10-25',
    });
    expect(await worker.document(s)).toBe('processed');
    const res = await as(app, supervisor).get(`${URL}?sessionId=${s.session_id}`);
    const rows = res.body.items as Array<Record<string, any>>;
    const hidden = rows.filter((r) => r['flags'].consentRequired);
    expect(hidden).toHaveLength(1);
    // Withheld: the row exists and says why, nothing else (field by field: every other value is null).
    expect(hidden[0]).toStrictEqual(withheldShape(hidden[0]!['id']));
    expect(JSON.stringify(res.body)).not.toContain(part2Unconsented.patient_id);
    expect(JSON.stringify(res.body)).not.toContain(part2Unconsented.chart_id);
    const shown = rows.find((r) => r['patientId'] === part2Consented.patient_id)!;
    expect(shown).toMatchObject({ part2Notice: expect.stringContaining('42 CFR part 2'), flags: { consentRequired: false } });
    // Outside the Part 2 program's charts the consent function allows the row (not a Part 2 chart).
    expect(rows.find((r) => r['patientId'] === patients[7]!.patient_id)).toBeDefined();

    const [listAudit] = await demo.auditEvents(`action = 'group-encounter-generation.list' AND request_id = $1`, [
      res.headers['x-request-id'],
    ]);
    expect(listAudit!['scope']).toMatchObject({
      part2: true,
      part2NoticeApplies: true,
      part2GenerationIds: expect.arrayContaining([shown['id']]),
      consentRequiredIds: [hidden[0]!['id']],
    });

    const bulk = await as(app, supervisor)
      .post(`${URL}/approve`)
      .send({ ids: [hidden[0]!['id'], shown['id']] });
    expect(bulk.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['consent_required', 'approved']);
    expect(bulk.body.results[0].generation).toStrictEqual(withheldShape(hidden[0]!['id']));
    expectProblem(await as(app, supervisor).post(`${URL}/${hidden[0]!['id']}/approve`), 403);
    expectProblem(await as(app, supervisor).patch(`${URL}/${hidden[0]!['id']}`).send({ proposedCptCode: 'H0005', modifiers: [] }), 403);
    expect(
      (
        await as(app, supervisor)
          .post(`${URL}/reject`)
          .send({ ids: [hidden[0]!['id']], reason: 'x' })
      ).body.results[0].outcome,
    ).toBe('consent_required');
    const [event] = await approvalEvents(s.session_id);
    expect(event!.payload.approved_generations.map((g: { patient_id: string }) => g.patient_id)).toEqual([part2Consented.patient_id]);
    const status = await demo.owner.query('SELECT status FROM cl_group_encounter_generations WHERE id = $1', [hidden[0]!['id']]);
    expect(status.rows[0].status).toBe('pending_review');
  });
});

describe('sorting the review queue', () => {
  it('sorts by patient, status, code or group with withheld Part 2 rows after the shown ones, and 400 naming sort otherwise', async () => {
    const s = session([present(part2Unconsented), present(part2Consented), present(patients[7]!), present(patients[6]!)], {
      group_type: 'sud_group_counseling',
      sud_program: true,
      session_date: '2026-10-27',
    });
    expect(await worker.document(s)).toBe('processed');
    const list = async (sort: string) => {
      const res = await as(app, supervisor).get(`${URL}?sessionId=${s.session_id}&sort=${sort}`);
      expect(res.status).toBe(200);
      return res.body.items as Array<{ id: string; patientName: string | null; flags: { consentRequired: boolean } }>;
    };
    const lastName = (n: string | null) => (n ?? '').split(' ').slice(1).join(' ');
    for (const sort of ['patient', '-patient', 'status', '-status', 'code', '-code', 'group', '-group']) {
      const rows = await list(sort);
      expect(rows).toHaveLength(4);
      // Whatever the direction, the withheld row is last: its place tells nothing about its patient, status or code.
      expect(rows.map((r) => r.flags.consentRequired)).toEqual([false, false, false, true]);
    }
    const up = (await list('patient')).slice(0, 3).map((r) => lastName(r.patientName));
    expect(up).toEqual([...up].sort((a, b) => a.localeCompare(b)));
    const down = (await list('-patient')).slice(0, 3).map((r) => lastName(r.patientName));
    expect(down).toEqual([...up].reverse());
    // The queue's own order (by session date) is unchanged by the parameter.
    expect((await list('-sessionDate')).map((r) => r.id)).toEqual(
      (await as(app, supervisor).get(`${URL}?sessionId=${s.session_id}`)).body.items.map((r: { id: string }) => r.id),
    );
    for (const bad of ['chartId', 'patient,status', '-', 'patientName']) {
      const res = await as(app, supervisor).get(`${URL}?sort=${encodeURIComponent(bad)}`);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['sort']);
    }
  });
});

describe('42 CFR Part 2: a withheld row read field by field', () => {
  let s: ClGroupSessionDocumentedV1;
  let withheldId: string;
  let encounterId: string;
  const groupName = `Opioid Recovery Circle ${letters()}`;
  beforeAll(async () => {
    const group = await as(app, supervisor)
      .post('/api/v1/groups')
      .send({ siteId: tucson, name: groupName, groupType: 'sud_group_counseling', sudProgram: true, facilitatorIds: [facilitator] });
    expect(group.status).toBe(201);
    s = session([partial(part2Unconsented, 47), present(part2Consented)], {
      group_id: group.body.id,
      group_type: 'sud_group_counseling',
      sud_program: true,
      session_date: '2026-10-26',
    });
    expect(await worker.document(s)).toBe('processed');
    const { rows } = await demo.owner.query(
      'SELECT id, encounter_id FROM cl_group_encounter_generations WHERE group_session_id = $1 AND patient_id = $2',
      [s.session_id, part2Unconsented.patient_id],
    );
    withheldId = rows[0].id;
    encounterId = rows[0].encounter_id;
  });

  /** Nothing in the raw body may tell the code, the attendance, the session, the group or the patient. */
  function expectNothingRevealed(text: string) {
    for (const secret of [
      'H0005',
      '"HF"',
      '"HQ"',
      'sud_group_counseling',
      'partial',
      groupName,
      s.session_id,
      s.group_id,
      '2026-10-26',
      part2Unconsented.patient_id,
      part2Unconsented.chart_id,
      encounterId,
    ]) {
      expect(text).not.toContain(secret);
    }
  }

  it('lists it with its id and why only, and no SUD code, attendance, minutes, session or names anywhere in the body', async () => {
    const res = await as(app, supervisor).get(`${URL}?sessionId=${s.session_id}&needsConsent=true`);
    expect(res.status).toBe(200);
    expect(res.body.items).toStrictEqual([withheldShape(withheldId)]);
    expectNothingRevealed(res.text);
    // The other attendee of the same session, whose consent covers the reviewer, is shown with its names and the notice.
    const shown = await as(app, supervisor).get(`${URL}?sessionId=${s.session_id}&needsConsent=false`);
    expect(shown.body.items).toHaveLength(1);
    expect(shown.body.items[0]).toMatchObject({
      patientId: part2Consented.patient_id,
      patientName: expect.stringMatching(/^Iris Group[a-z]{8}$/),
      groupName,
      proposedCptCode: 'H0005',
      withheldReason: null,
      part2Notice: expect.stringContaining('42 CFR part 2'),
    });
  });

  it('reads it alone the same way (GET /:id), audited without the patient', async () => {
    const res = await as(app, supervisor).get(`${URL}/${withheldId}`);
    expect(res.status).toBe(200);
    expect(res.body).toStrictEqual(withheldShape(withheldId));
    expectNothingRevealed(res.text);
    const [event] = await demo.auditEvents(`action = 'group-encounter-generation.read' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(event).toMatchObject({
      outcome: 'success',
      patient_id: null,
      scope: expect.objectContaining({ consentRequiredIds: [withheldId] }),
    });
  });

  it('answers review actions on it without revealing it either', async () => {
    for (const res of [
      await as(app, supervisor)
        .post(`${URL}/approve`)
        .send({ ids: [withheldId] }),
      await as(app, supervisor)
        .post(`${URL}/reject`)
        .send({ ids: [withheldId], reason: 'x' }),
      await as(app, supervisor).post(`${URL}/${withheldId}/approve`),
      await as(app, supervisor).patch(`${URL}/${withheldId}`).send({ proposedCptCode: 'H0005', modifiers: [] }),
    ]) {
      expect([200, 403]).toContain(res.status);
      expectNothingRevealed(res.text);
    }
  });
});

describe('GET /api/v1/group-encounter-generations/:id', () => {
  it('answers one row as the queue shows it, with the patient and group names, and audits the read with the patient', async () => {
    const group = await as(app, supervisor)
      .post('/api/v1/groups')
      .send({
        siteId: tucson,
        name: `Anger Management ${letters()}`,
        groupType: 'psychotherapy_group',
        sudProgram: false,
        facilitatorIds: [facilitator],
      });
    expect(group.status).toBe(201);
    const s = session([present(patients[2]!)], { group_id: group.body.id, session_date: '2026-06-01' });
    const listed = (await documented(s)).rows[0]!;
    const { rows } = await demo.owner.query(`SELECT first_name || ' ' || last_name AS name FROM cl_patients WHERE id = $1`, [
      patients[2]!.patient_id,
    ]);
    expect(listed).toMatchObject({ patientName: rows[0].name, groupName: group.body.name, withheldReason: null });
    const res = await as(app, supervisor).get(`${URL}/${listed['id']}`);
    expect(res.status).toBe(200);
    expect(res.body).toStrictEqual(listed);
    const [event] = await demo.auditEvents(`action = 'group-encounter-generation.read' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(event).toMatchObject({ outcome: 'success', patient_id: patients[2]!.patient_id, resource_id: listed['id'] });
  });

  it('answers 404 for an unknown id, a malformed id, and a row of another organization or site; 403 without the permission', async () => {
    const s = session([present(patients[3]!)], { session_date: '2026-06-02' });
    const id = (await documented(s)).rows[0]!['id'] as string;
    expectProblem(await as(app, supervisor).get(`${URL}/${randomUUID()}`), 404);
    expectProblem(await as(app, supervisor).get(`${URL}/not-a-uuid`), 404);
    expectProblem(await as(app, cascadeSupervisor).get(`${URL}/${id}`), 404);
    expectProblem(await as(app, northSupervisor).get(`${URL}/${id}`), 404);
    expectProblem(await as(app, hr).get(`${URL}/${id}`), 403);
    const unknown = await as(app, supervisor).get(`${URL}/${randomUUID()}`);
    const [event] = await demo.auditEvents(`action = 'group-encounter-generation.read' AND request_id = $1`, [
      unknown.headers['x-request-id'],
    ]);
    expect(event).toMatchObject({ outcome: 'not_found' });
  });
});

describe('review queue filters: billable, needs consent, not generated', () => {
  let s: ClGroupSessionDocumentedV1;
  let byPatient: Map<string, string>;
  let withheldId: string;
  beforeAll(async () => {
    s = session(
      [present(patients[0]!), partial(patients[1]!, 10), absent(patients[2]!), present(part2Consented), present(part2Unconsented)],
      { group_type: 'sud_group_counseling', sud_program: true, session_date: '2026-06-10' },
    );
    expect(await worker.document(s)).toBe('processed');
    const { rows } = await demo.owner.query('SELECT id, patient_id FROM cl_group_encounter_generations WHERE group_session_id = $1', [
      s.session_id,
    ]);
    byPatient = new Map(rows.map((r: { id: string; patient_id: string }) => [r.patient_id, r.id]));
    withheldId = byPatient.get(part2Unconsented.patient_id)!;
  });
  const ids = async (q: string) => {
    const res = await as(app, supervisor).get(`${URL}?sessionId=${s.session_id}&pageSize=200${q}`);
    expect(res.status).toBe(200);
    return (res.body.items as { id: string }[]).map((r) => r.id).sort();
  };
  const of = (...ps: { patient_id: string }[]) => ps.map((p) => byPatient.get(p.patient_id)!).sort();

  it('selects billable and not billable rows, absent (not generated) and generated ones, and the rows that need a consent', async () => {
    expect(await ids('')).toHaveLength(5);
    expect(await ids('&billable=true')).toEqual(of(patients[0]!, part2Consented));
    expect(await ids('&billable=false')).toEqual(of(patients[1]!, patients[2]!));
    expect(await ids('&notGenerated=true')).toEqual(of(patients[2]!));
    expect(await ids('&notGenerated=false')).toEqual(of(patients[0]!, patients[1]!, part2Consented));
    expect(await ids('&needsConsent=true')).toEqual([withheldId]);
    expect(await ids('&needsConsent=false')).toEqual(of(patients[0]!, patients[1]!, patients[2]!, part2Consented));
    expect(await ids('&needsConsent=false&billable=true')).toEqual(of(patients[0]!, part2Consented));
  });

  it('never matches a withheld row by its own facts, so subtracting filtered answers tells nothing about it', async () => {
    const all = await ids('');
    const byFact: string[] = [];
    for (const q of ['&billable=true', '&billable=false', '&notGenerated=true', '&notGenerated=false']) byFact.push(...(await ids(q)));
    for (const st of ['pending_review', 'approved', 'rejected', 'not_generated']) {
      const got = await ids(`&status=${st}`);
      expect(got).not.toContain(withheldId);
    }
    expect(byFact).not.toContain(withheldId);
    // billable=true and billable=false together are every row but the withheld one: the difference is only "it exists".
    expect([...(await ids('&billable=true')), ...(await ids('&billable=false'))].sort()).toEqual(all.filter((i) => i !== withheldId));
  });

  it('answers 400 naming each malformed boolean', async () => {
    const bad = await as(app, supervisor).get(`${URL}?billable=maybe&needsConsent=1&notGenerated=yes`);
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['billable', 'needsConsent', 'notGenerated']),
    );
  });
});

describe('GET /api/v1/group-encounter-generations/consent-worklist', () => {
  it('lists the patients whose SUD rows no approver may see, with how many wait, until a consent lets them be reviewed', async () => {
    const waiting = await newPart2Patient(false);
    const s = session([present(waiting), present(part2Consented), present(patients[4]!)], {
      group_type: 'sud_group_counseling',
      sud_program: true,
      session_date: '2026-06-20',
    });
    expect(await worker.document(s)).toBe('processed');
    const res = await as(app, supervisor).get(`${URL}/consent-worklist?pageSize=200`);
    expect(res.status).toBe(200);
    const items = res.body.items as Array<Record<string, unknown>>;
    const entry = items.find((i) => i['patientId'] === waiting.patient_id);
    expect(entry).toStrictEqual({
      patientId: waiting.patient_id,
      chartId: waiting.chart_id,
      patientName: expect.stringMatching(/^Iris Group[a-z]{8}$/),
      waitingCount: 1,
      recordType: 'group_encounter',
      part2Notice: expect.stringContaining('42 CFR part 2'),
    });
    // No session, date, group or code: the entry names the chart a consent is needed on, not the records.
    expect(res.text).not.toContain(s.session_id);
    expect(res.text).not.toContain('H0005');
    // A patient whose consent covers the reviewers, and a chart not under Part 2, wait for nothing.
    expect(items.map((i) => i['patientId'])).not.toContain(part2Consented.patient_id);
    expect(items.map((i) => i['patientId'])).not.toContain(patients[4]!.patient_id);
    const [event] = await demo.auditEvents(`action = 'group-encounter-generation.consent-worklist' AND request_id = $1`, [
      res.headers['x-request-id'],
    ]);
    expect(event).toMatchObject({
      outcome: 'success',
      scope: expect.objectContaining({ part2: true, part2NoticeApplies: true, patientIds: expect.arrayContaining([waiting.patient_id]) }),
    });

    const consent = await as(app, supervisor)
      .post(`/api/v1/patients/${waiting.patient_id}/consents`)
      .send({
        consentType: 'tpo',
        disclosingParty: 'Sonoran Behavioral Health, Opioid Treatment Program',
        informationDescription: 'Group counseling records',
        recordTypes: ['group_encounter'],
        recipients: [{ type: 'organization', organizationId: org, name: 'Sonoran Behavioral Health' }],
        purposes: ['treatment', 'payment', 'health_care_operations'],
        expirationEvent: 'none',
        signedBy: 'patient',
        signedOn: today,
        statements: ['right_to_revoke', 'redisclosure', 'treatment_not_conditioned'],
      });
    expect(consent.status).toBe(201);
    const after = await as(app, supervisor).get(`${URL}/consent-worklist?pageSize=200`);
    expect((after.body.items as Array<{ patientId: string }>).map((i) => i.patientId)).not.toContain(waiting.patient_id);
  });

  it('is only for those who record consents (403), and answers 400 for a bad page', async () => {
    expectProblem(await as(app, billing).get(`${URL}/consent-worklist`), 403);
    expectProblem(await as(app, hr).get(`${URL}/consent-worklist`), 403);
    expectProblem(await as(app, manager).get(`${URL}/consent-worklist`), 403);
    const bad = await as(app, supervisor).get(`${URL}/consent-worklist?pageSize=0`);
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('pageSize');
  });
});

describe('races', () => {
  const ids = async (s: ClGroupSessionDocumentedV1) => (await documented(s)).rows.map((r) => r['id'] as string);

  it('two reviewers approving the same rows at once produce one approval and one event entry per row', async () => {
    const s = session(
      patients.slice(0, 8).map((p) => present(p)),
      { session_date: '2026-11-01' },
    );
    const all = await ids(s);
    const [r1, r2] = await Promise.all([
      as(app, supervisor).post(`${URL}/approve`).send({ ids: all }),
      as(app, billing)
        .post(`${URL}/approve`)
        .send({ ids: [...all].reverse() }),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    for (const id of all) {
      const outcomes = [...r1.body.results, ...r2.body.results]
        .filter((r: { id: string }) => r.id === id)
        .map((r: { outcome: string }) => r.outcome)
        .sort();
      expect(outcomes).toEqual(['already_approved', 'approved']);
    }
    const listed = (await approvalEvents(s.session_id)).flatMap((e) =>
      e.payload.approved_generations.map((g: { generation_id: string }) => g.generation_id),
    );
    expect(listed.sort()).toEqual([...all].sort());
  });

  it('an approve racing a reject on the same rows leaves one outcome per row, and events list exactly the approved ones', async () => {
    const s = session(
      patients.slice(0, 8).map((p) => present(p)),
      { session_date: '2026-11-02' },
    );
    const all = await ids(s);
    const [ap, rj] = await Promise.all([
      as(app, supervisor).post(`${URL}/approve`).send({ ids: all }),
      as(app, billing)
        .post(`${URL}/reject`)
        .send({ ids: [...all].reverse(), reason: 'Session cancelled' }),
    ]);
    const { rows } = await demo.owner.query('SELECT id, status FROM cl_group_encounter_generations WHERE group_session_id = $1', [
      s.session_id,
    ]);
    const status = new Map(rows.map((r) => [r.id as string, r.status as string]));
    for (const id of all) {
      const a = ap.body.results.find((r: { id: string }) => r.id === id).outcome;
      const r = rj.body.results.find((x: { id: string }) => x.id === id).outcome;
      expect([a, r]).toEqual(status.get(id) === 'approved' ? ['approved', 'conflict'] : ['conflict', 'rejected']);
    }
    const listed = (await approvalEvents(s.session_id)).flatMap((e) =>
      e.payload.approved_generations.map((g: { generation_id: string }) => g.generation_id),
    );
    expect(listed.sort()).toEqual(all.filter((id) => status.get(id) === 'approved').sort());
  });
});
