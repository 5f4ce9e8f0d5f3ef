import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';

import type { ClGroupSessionDocumentedV1 } from '@cairn/platform/clinical';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { GenerationWorker } from './support/generation-worker';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// Reopening a review decision (ADR 0011) end to end: generations from the real consumer, approval through the API,
// charges from PM's real consumer, the reopen through the API (CL) voiding the charge in PM through the command bus.
let app: INestApplication;
let worker: GenerationWorker;
const demo = new DemoFixture();
let supervisor: StaffSession;
let billing: StaffSession;
let manager: StaffSession;
let hr: StaffSession;
let org: string;
let tucson: string;
let facilitator: string;
let patients: { patient_id: string; chart_id: string }[];

const URL = '/api/v1/group-encounter-generations';

function session(): ClGroupSessionDocumentedV1 {
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
    attendees: patients.slice(0, 2).map((p) => ({ ...p, attendance_status: 'present' as const, minutes_attended: 60 })),
  };
}

/** A documented session's generations (ids), in patient order. */
async function generations(): Promise<{ sessionId: string; ids: string[] }> {
  const s = session();
  expect(await worker.document(s)).toBe('processed');
  const res = await as(app, supervisor).get(`${URL}?sessionId=${s.session_id}&pageSize=50`);
  return { sessionId: s.session_id, ids: res.body.items.map((r: { id: string }) => r.id) };
}

const approvals = async (sessionId: string) =>
  (
    await demo.owner.query(
      `SELECT id, payload FROM pf_outbox_events WHERE event_type = 'cl_group_encounters_approved.v1' AND payload->>'session_id' = $1 ORDER BY occurred_at, id`,
      [sessionId],
    )
  ).rows as { id: string; payload: any }[];
const chargesOf = async (generationId: string) =>
  (await demo.owner.query(`SELECT * FROM pm_charges WHERE source_id = $1 ORDER BY source_round, lineage_seq`, [generationId])).rows;
const generationRow = async (id: string) =>
  (await demo.owner.query(`SELECT status, review_round, reviewed_by, approval_id FROM cl_group_encounter_generations WHERE id = $1`, [id]))
    .rows[0];

/** Approves one generation through the API and delivers its approval event to PM's charge consumer. */
async function approveAndCharge(sessionId: string, id: string) {
  expect((await as(app, supervisor).post(`${URL}/${id}/approve`)).status).toBe(200);
  const events = await approvals(sessionId);
  const last = events[events.length - 1]!;
  expect(await worker.chargeApproval(last.payload, last.id)).toBe('processed');
  return last;
}

beforeAll(async () => {
  app = await bootApi();
  worker = await GenerationWorker.start();
  [supervisor, billing, manager, hr] = await Promise.all([
    login(app, 'supervisor@sonoran.cairn.test'),
    login(app, 'billing@sonoran.cairn.test'),
    login(app, 'manager@sonoran.cairn.test'),
    login(app, 'hr@sonoran.cairn.test'),
  ]);
  org = await demo.orgId('sonoran');
  tucson = (await demo.sites('sonoran')).find((s) => s.code === 'TUC')!.id;
  facilitator = await demo.userId('clinician@sonoran.cairn.test');
  patients = (
    await demo.owner.query(
      `SELECT p.id AS patient_id, c.id AS chart_id FROM cl_patients p JOIN cl_charts c ON c.organization_id = p.organization_id AND c.patient_id = p.id
       WHERE p.site_id = $1 AND NOT c.is_part2 ORDER BY p.id LIMIT 2`,
      [tucson],
    )
  ).rows;
}, 120_000);
afterAll(async () => {
  await worker?.close();
  await app?.close();
  await demo.close();
});

describe('POST /api/v1/group-encounter-generations/:id/reopen', () => {
  it('voids the unbilled charge, sends the row back to review, and charges a re-approval once under the next round', async () => {
    const { sessionId, ids } = await generations();
    const id = ids[0]!;
    const first = await approveAndCharge(sessionId, id);
    expect(first.payload.approved_generations[0]).not.toHaveProperty('review_round'); // a first approval: the seed's fields
    expect((await chargesOf(id)).map((c) => [c.source_round, c.status])).toEqual([[1, 'ready']]);

    const res = await as(app, supervisor).post(`${URL}/${id}/reopen`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'pending_review' });
    expect(await generationRow(id)).toMatchObject({ status: 'pending_review', review_round: 2, reviewed_by: null, approval_id: null });
    const [voided] = await chargesOf(id);
    expect(voided).toMatchObject({ status: 'voided', void_reason: 'reopened', amount_cents: 4200 });
    const reopenedEvents = (
      await demo.owner.query(
        `SELECT payload FROM pf_outbox_events WHERE event_type = 'cl_group_encounter_generation_reopened.v1' AND payload->>'generation_id' = $1`,
        [id],
      )
    ).rows;
    expect(reopenedEvents.map((r) => r.payload)).toEqual([
      expect.objectContaining({ previous_status: 'approved', previous_round: 1, voided_charge_id: voided.id }),
    ]);
    expect(await demo.auditEvents(`action = 'group-encounter-generation.reopen' AND resource_id = $1`, [id])).toHaveLength(1);

    // The old approval, redelivered or re-published, adds nothing: its round is charged (voided) already.
    expect(await worker.chargeApproval(first.payload, first.id)).toBe('duplicate');
    expect(await worker.chargeApproval(first.payload)).toBe('processed');
    expect(await chargesOf(id)).toHaveLength(1);

    // Approved again: the event names round 2 and PM charges it once, however often it arrives.
    const second = await approveAndCharge(sessionId, id);
    expect(second.payload.approved_generations[0]).toMatchObject({ generation_id: id, review_round: 2 });
    expect(await worker.chargeApproval(second.payload)).toBe('processed');
    expect((await chargesOf(id)).map((c) => [c.source_round, c.lineage_seq, c.status])).toEqual([
      [1, 0, 'voided'],
      [2, 0, 'ready'],
    ]);
    // The other attendee's charge was never touched.
    expect(await chargesOf(ids[1]!)).toHaveLength(0);
  });

  it('refuses with 409 once the charge is billed, and changes nothing', async () => {
    const { sessionId, ids } = await generations();
    const id = ids[0]!;
    await approveAndCharge(sessionId, id);
    const [charge] = await chargesOf(id);
    expect((await as(app, billing).post(`/api/v1/charges/${charge.id}/bill`)).status).toBe(200);
    const refused = await as(app, supervisor).post(`${URL}/${id}/reopen`);
    expectProblem(refused, 409);
    expect(refused.body.detail).toMatch(/billed/);
    expect(await generationRow(id)).toMatchObject({ status: 'approved', review_round: 1 });
    expect((await chargesOf(id)).map((c) => c.status)).toEqual(['billed']);
    const audit = await demo.auditEvents(`action = 'group-encounter-generation.reopen' AND resource_id = $1`, [id]);
    expect(audit.map((a) => [a['outcome'], a['reason']])).toEqual([['denied', 'charge_not_voidable']]);
  });

  it('refuses with 409 while the approval has not been charged yet (its event still on the way)', async () => {
    const { ids } = await generations();
    expect((await as(app, supervisor).post(`${URL}/${ids[0]}/approve`)).status).toBe(200);
    expectProblem(await as(app, supervisor).post(`${URL}/${ids[0]}/reopen`), 409);
    expect(await generationRow(ids[0]!)).toMatchObject({ status: 'approved', review_round: 1 });
  });

  it('lets exactly one of three concurrent reopens through, voiding the charge once', async () => {
    const { sessionId, ids } = await generations();
    const id = ids[0]!;
    await approveAndCharge(sessionId, id);
    const results = await Promise.all([1, 2, 3].map(() => as(app, supervisor).post(`${URL}/${id}/reopen`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await generationRow(id)).toMatchObject({ status: 'pending_review', review_round: 2 });
    const [charge] = await chargesOf(id);
    const events = (
      await demo.owner.query(
        `SELECT 1 FROM pf_outbox_events WHERE event_type = 'pm_charge_status_changed.v1' AND payload->>'charge_id' = $1`,
        [charge.id],
      )
    ).rows;
    expect(events).toHaveLength(1);
  });

  it('never leaves a live charge behind when a reopen races a correction of the same charge', async () => {
    for (let i = 0; i < 3; i++) {
      const { sessionId, ids } = await generations();
      const id = ids[0]!;
      await approveAndCharge(sessionId, id);
      const [charge] = await chargesOf(id);
      const [reopen, correct] = await Promise.all([
        as(app, supervisor).post(`${URL}/${id}/reopen`),
        as(app, billing).post(`/api/v1/charges/${charge.id}/correct`).send({ units: 2, reason: 'wrong_units' }),
      ]);
      expect(reopen.status).toBe(200); // whichever commits first, the reopen voids the round's latest charge
      expect([200, 409]).toContain(correct.status);
      const rows = await chargesOf(id);
      expect(rows.filter((r) => r.status !== 'voided')).toEqual([]);
      expect(rows.at(-1)).toMatchObject({ void_reason: 'reopened' });
    }
  });

  it('reopens a rejection without touching PM, and refuses a row with no decision (409) and callers without the permission (403)', async () => {
    const { ids } = await generations();
    expect(
      (await as(app, supervisor).post(`${URL}/${ids[0]}/reject`).send({ reason: 'Attendance recorded for the wrong patient' })).status,
    ).toBe(200);
    const reopened = await as(app, billing).post(`${URL}/${ids[0]}/reopen`);
    expect(reopened.status).toBe(200);
    expect(await generationRow(ids[0]!)).toMatchObject({ status: 'pending_review', review_round: 2 });
    expectProblem(await as(app, supervisor).post(`${URL}/${ids[1]}/reopen`), 409); // pending review
    expectProblem(await as(app, supervisor).post(`${URL}/${randomUUID()}/reopen`), 404);
    expectProblem(await as(app, hr).post(`${URL}/${ids[0]}/reopen`), 403);
    expectProblem(await as(app, manager).post(`${URL}/${ids[0]}/reopen`), 403);
  });

  it('lets the database refuse any other change to a decided row, even as the table owner', async () => {
    const { ids } = await generations();
    expect((await as(app, supervisor).post(`${URL}/${ids[0]}/reject`).send({ reason: 'Wrong group' })).status).toBe(200);
    await expect(
      demo.owner.query(`UPDATE cl_group_encounter_generations SET minutes_attended = 5 WHERE id = $1`, [ids[0]]),
    ).rejects.toThrow(/cannot change/);
    // Back to review without clearing the decision, or without counting the round: refused.
    await expect(
      demo.owner.query(
        `UPDATE cl_group_encounter_generations SET status = 'pending_review', review_round = review_round + 1, reopened_at = now(), reopened_by = reviewed_by WHERE id = $1`,
        [ids[0]],
      ),
    ).rejects.toThrow(/cannot change|check/);
    await expect(
      demo.owner.query(
        `UPDATE cl_group_encounter_generations SET status = 'pending_review', reviewed_by = NULL, reviewed_at = NULL, rejection_reason = NULL, reopened_at = now(), reopened_by = $2 WHERE id = $1`,
        [ids[0], facilitator],
      ),
    ).rejects.toThrow(/cannot change/);
    expect(await generationRow(ids[0]!)).toMatchObject({ status: 'rejected', review_round: 1 });
  });
});
