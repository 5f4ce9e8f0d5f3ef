import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';

import { bootApi, redisFlushLoginCounters } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { asClient, onboardClient, OnboardedClient } from './support/portal-api';
import { executeQueryAs } from './support/portal-bus';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// Seed scenario 5 (therapist change request flow) and the change-request state machine:
// pending -> under_review -> approved | denied; every other move is a 409 that changes nothing.

let app: INestApplication;
const demo = new DemoFixture();
let former: StaffSession;
let next: StaffSession;
let admin: StaffSession;
let clients: OnboardedClient[];
let organizationId: string;
const FORMER = 'clinician@cascade.cairn.test';
const NEXT = 'clinician.salem@cascade.cairn.test';

const fields = (res: { body: { errors?: { field: string }[] } }) => [...new Set((res.body.errors ?? []).map((e) => e.field))];
const requestRow = async (id: string) =>
  (
    await demo.owner.query<{ status: string; new_therapist_id: string | null }>(
      'SELECT status, new_therapist_id FROM po_change_requests WHERE id = $1',
      [id],
    )
  ).rows[0];

beforeAll(async () => {
  app = await bootApi();
  await redisFlushLoginCounters();
  former = await login(app, FORMER);
  next = await login(app, NEXT);
  admin = await login(app, 'admin@cascade.cairn.test');
  organizationId = await demo.orgId('cascade');
  const patients = await demo.primaryPatientsOf(FORMER, 3, { withoutPortalAccount: true });
  expect(patients).toHaveLength(3);
  clients = [];
  for (const p of patients) clients.push(await onboardClient(app, former, p));
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('scenario 5: therapist change request flow', () => {
  it('a sensitive request is hidden from the current therapist; the approval moves the client to the new therapist at once', async () => {
    const client = clients[0]!;
    const p = client.patientId;
    const mood = await asClient(app, client.session)
      .post('/api/v1/portal/mood-entries')
      .send({ score: 4, symptoms: ['ANXIETY'] });
    expect(mood.status).toBe(201);
    expect((await as(app, former).get(`/api/v1/patients/${p}/mood-entries`)).status).toBe(200);
    expect((await as(app, next).get(`/api/v1/patients/${p}/mood-entries`)).status).toBe(404);

    // 1-2: the client submits a sensitive request.
    const submitted = await asClient(app, client.session)
      .post('/api/v1/portal/change-requests')
      .send({ reason: 'I do not feel safe raising this with my therapist.', sensitive: true });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ patientId: p, sensitive: true, status: 'pending', newTherapistId: null });
    const id = submitted.body.changeRequestId as string;
    expect(
      await demo.auditEvents(`action = 'portal.change-request.submit' AND resource_id = $1 AND actor_type = 'client' AND patient_id = $2`, [
        id,
        p,
      ]),
    ).toHaveLength(1);

    // 3: the current therapist does not see it: not through the list use case (its row policy), nor the admin route.
    const formerId = await demo.userId(FORMER);
    const theirs = await executeQueryAs<{ items: { changeRequestId: string }[] }>(
      app,
      { organizationId, userId: formerId, siteIds: 'all', patientScope: 'assigned' },
      'ListChangeRequestsQuery',
      { pageSize: 100 },
    );
    expect(theirs.items.map((r) => r.changeRequestId)).not.toContain(id);
    expectProblem(await as(app, former).get('/api/v1/admin/portal/change-requests'), 403);

    // 4: the admin reviews it in the admin list (paged, filtered by status, audited).
    const listed = await as(app, admin).get('/api/v1/admin/portal/change-requests?status=pending&pageSize=100');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ changeRequestId: id, sensitive: true, status: 'pending' })]),
    );
    expect(listed.body.items.every((r: { status: string }) => r.status === 'pending')).toBe(true);
    expect(
      await demo.auditEvents(`action = 'portal.change-request.list' AND actor_user_id = $1`, [
        await demo.userId('admin@cascade.cairn.test'),
      ]),
    ).not.toHaveLength(0);

    // Approving before the review is an illegal move: 409, nothing changes.
    const nextId = await demo.userId(NEXT);
    expectProblem(await as(app, admin).post(`/api/v1/admin/portal/change-requests/${id}/approve`).send({ newTherapistId: nextId }), 409);
    expect(await requestRow(id)).toMatchObject({ status: 'pending', new_therapist_id: null });

    const review = await as(app, admin).post(`/api/v1/admin/portal/change-requests/${id}/review`);
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ status: 'under_review', reviewStartedAt: expect.any(String) });
    expectProblem(await as(app, admin).post(`/api/v1/admin/portal/change-requests/${id}/review`), 409);

    // A new therapist who is nobody on the staff: 400 naming the field, and neither the request nor the care team changes.
    const nobody = await as(app, admin).post(`/api/v1/admin/portal/change-requests/${id}/approve`).send({ newTherapistId: randomUUID() });
    expectProblem(nobody, 400);
    expect(fields(nobody)).toEqual(['newTherapistId']);
    expect(await requestRow(id)).toMatchObject({ status: 'under_review', new_therapist_id: null });
    // The current therapist again: 400, nothing changes.
    const same = await as(app, admin).post(`/api/v1/admin/portal/change-requests/${id}/approve`).send({ newTherapistId: formerId });
    expectProblem(same, 400);
    expect(await requestRow(id)).toMatchObject({ status: 'under_review' });

    // 5-6: the admin assigns the new therapist; CL's care team changes in the same transaction.
    const approved = await as(app, admin).post(`/api/v1/admin/portal/change-requests/${id}/approve`).send({ newTherapistId: nextId });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', newTherapistId: nextId, decidedAt: expect.any(String) });
    const team = await demo.owner.query<{ staff_user_id: string; current: boolean }>(
      `SELECT staff_user_id, (started_on <= current_date AND (ended_on IS NULL OR ended_on >= current_date)) AS current
       FROM cl_care_team_assignments WHERE patient_id = $1 AND role = 'primary_therapist' AND staff_user_id = ANY($2::uuid[])`,
      [p, [formerId, nextId]],
    );
    expect(team.rows.filter((r) => r.current).map((r) => r.staff_user_id)).toEqual([nextId]);

    // 7-9, at once: the new therapist sees the client's portal data, the former one no longer does.
    const seen = await as(app, next).get(`/api/v1/patients/${p}/mood-entries`);
    expect(seen.status).toBe(200);
    expect(seen.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ moodEntryId: mood.body.moodEntryId })]));
    expect((await as(app, next).get(`/api/v1/patients/${p}/portal-activity`)).status).toBe(200);
    expectProblem(await as(app, former).get(`/api/v1/patients/${p}/mood-entries`), 404);
    expectProblem(await as(app, former).get(`/api/v1/patients/${p}/portal-activity`), 404);
    // The sensitive request stays hidden from the new therapist too (it is never shared with a clinician).
    const theirsNow = await executeQueryAs<{ items: { changeRequestId: string }[] }>(
      app,
      { organizationId, userId: nextId, siteIds: 'all', patientScope: 'assigned' },
      'ListChangeRequestsQuery',
      { pageSize: 100 },
    );
    expect(theirsNow.items.map((r) => r.changeRequestId)).not.toContain(id);

    // Audited: the approval and CL's reassignment, both naming the patient.
    expect(
      await demo.auditEvents(`action = 'portal.change-request.approve' AND resource_id = $1 AND outcome = 'success'`, [id]),
    ).toHaveLength(1);
    expect(await demo.auditEvents(`action = 'patient.care-team.assign' AND patient_id = $1 AND outcome = 'success'`, [p])).not.toHaveLength(
      0,
    );

    // A decided request is final.
    expectProblem(await as(app, admin).post(`/api/v1/admin/portal/change-requests/${id}/deny`).send({ reason: 'no' }), 409);
    expectProblem(await as(app, admin).post(`/api/v1/admin/portal/change-requests/${id}/approve`).send({ newTherapistId: formerId }), 409);
    // The client sees the decision.
    const mine = await asClient(app, client.session).get('/api/v1/portal/change-requests');
    expect(mine.body.items).toEqual([expect.objectContaining({ changeRequestId: id, status: 'approved' })]);
  });
});

describe('change requests: denial and refusals', () => {
  it('denies with a reason the client reads; a non-sensitive request is visible to the current therapist', async () => {
    const client = clients[1]!;
    const submitted = await asClient(app, client.session)
      .post('/api/v1/portal/change-requests')
      .send({ reason: 'Scheduling does not work for me.' });
    expect(submitted.status).toBe(201);
    expect(submitted.body.sensitive).toBe(false);
    const id = submitted.body.changeRequestId as string;
    const theirs = await executeQueryAs<{ items: { changeRequestId: string }[] }>(
      app,
      { organizationId, userId: await demo.userId(FORMER), siteIds: 'all', patientScope: 'assigned' },
      'ListChangeRequestsQuery',
      { pageSize: 100 },
    );
    expect(theirs.items.map((r) => r.changeRequestId)).toContain(id);

    // One open request at a time.
    expectProblem(await asClient(app, client.session).post('/api/v1/portal/change-requests').send({ reason: 'again' }), 409);
    // Denying a pending request skips the review: 409.
    expectProblem(await as(app, admin).post(`/api/v1/admin/portal/change-requests/${id}/deny`).send({ reason: 'No.' }), 409);
    expect((await as(app, admin).post(`/api/v1/admin/portal/change-requests/${id}/review`)).status).toBe(200);
    const noReason = await as(app, admin).post(`/api/v1/admin/portal/change-requests/${id}/deny`).send({});
    expectProblem(noReason, 400);
    expect(fields(noReason)).toEqual(['reason']);
    const denied = await as(app, admin)
      .post(`/api/v1/admin/portal/change-requests/${id}/deny`)
      .send({ reason: 'We can offer evening slots with your current therapist.' });
    expect(denied.status).toBe(200);
    expect(denied.body).toMatchObject({ status: 'denied', denialReason: 'We can offer evening slots with your current therapist.' });
    const mine = await asClient(app, client.session).get('/api/v1/portal/change-requests');
    expect(mine.body.items[0]).toMatchObject({ changeRequestId: id, status: 'denied', denialReason: expect.any(String) });
    // Decided: the client may ask again.
    expect((await asClient(app, client.session).post('/api/v1/portal/change-requests').send({ reason: 'Once more.' })).status).toBe(201);
  });

  it('refuses bad input, other callers and unknown requests with problem+json', async () => {
    const client = clients[2]!;
    const empty = await asClient(app, client.session).post('/api/v1/portal/change-requests').send({ reason: '' });
    expectProblem(empty, 400);
    expect(fields(empty)).toEqual(['reason']);
    const notBool = await asClient(app, client.session).post('/api/v1/portal/change-requests').send({ reason: 'x', sensitive: 'yes' });
    expectProblem(notBool, 400);
    expect(fields(notBool)).toEqual(['sensitive']);
    expectProblem(await as(app, admin).get('/api/v1/admin/portal/change-requests?status=open'), 400);
    expectProblem(await as(app, admin).post(`/api/v1/admin/portal/change-requests/${randomUUID()}/review`), 404);
    expectProblem(await as(app, admin).post('/api/v1/admin/portal/change-requests/not-an-id/review'), 404);
    const badId = await as(app, admin)
      .post(`/api/v1/admin/portal/change-requests/${randomUUID()}/approve`)
      .send({ newTherapistId: 'nope' });
    expectProblem(badId, 400);
    // A client token on admin routes, a staff token on the client's route, a therapist on the decision routes.
    expectProblem(await asClient(app, client.session).get('/api/v1/admin/portal/change-requests'), 401);
    expectProblem(await as(app, former).post('/api/v1/portal/change-requests').send({ reason: 'x' }), 401);
    const own = await asClient(app, client.session).post('/api/v1/portal/change-requests').send({ reason: 'Please.' });
    expect(own.status).toBe(201);
    expectProblem(await as(app, former).post(`/api/v1/admin/portal/change-requests/${own.body.changeRequestId}/review`), 403);
    // Another organization's admin does not find it.
    const sonoranAdmin = await login(app, 'admin@sonoran.cairn.test');
    expectProblem(await as(app, sonoranAdmin).post(`/api/v1/admin/portal/change-requests/${own.body.changeRequestId}/review`), 404);
    expect(await requestRow(own.body.changeRequestId)).toMatchObject({ status: 'pending' });
  });
});
