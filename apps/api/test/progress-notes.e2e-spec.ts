import type { INestApplication } from '@nestjs/common';
import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

let app: INestApplication;
const demo = new DemoFixture();
let clinician: StaffSession;
let patient: string;

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const BODY = 'Client reports improved sleep; practised grounding skills in session.';

beforeAll(async () => {
  app = await bootApi();
  clinician = await login(app, 'clinician@sonoran.cairn.test');
  [patient] = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', true, 1);
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

const draft = (extra: Record<string, unknown> = {}) =>
  as(app, clinician).post('/api/v1/progress-notes').send({ patientId: patient, sessionStart: hoursFromNow(-2), sessionEnd: hoursFromNow(-1), body: BODY, ...extra });

describe('progress notes (CL-04)', () => {
  it('creates a draft, edits it, signs it (locking it) and takes addenda afterwards', async () => {
    const created = await draft();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', signedAt: null, patientId: patient });
    const id = created.body.id;
    const edited = await as(app, clinician).patch(`/api/v1/progress-notes/${id}`).send({ body: `${BODY} Homework assigned.` });
    expect(edited.status).toBe(200);
    const signed = await as(app, clinician).post(`/api/v1/progress-notes/${id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'signed', signedAt: expect.any(String), signedBy: signed.body.authorId });
    expectProblem(await as(app, clinician).patch(`/api/v1/progress-notes/${id}`).send({ body: 'changed' }), 409);
    expectProblem(await as(app, clinician).post(`/api/v1/progress-notes/${id}/sign`), 409);
    const addendum = await as(app, clinician).post(`/api/v1/progress-notes/${id}/addenda`).send({ body: 'Late entry: called the client to confirm the next session.' });
    expect(addendum.status).toBe(201);
    expect(addendum.body.addenda).toHaveLength(1);
    expect(addendum.body.body).toBe(`${BODY} Homework assigned.`);
  });

  it('is locked in the database too: a signed note cannot be updated even by the owner role', async () => {
    const { body } = await draft();
    await as(app, clinician).post(`/api/v1/progress-notes/${body.id}/sign`);
    await expect(demo.owner.query(`UPDATE cl_progress_notes SET body = 'tampered' WHERE id = $1`, [body.id])).rejects.toThrow(/signed and locked/);
  });

  it('refuses to sign before the session has ended (422) and addenda on drafts (409)', async () => {
    const { body } = await draft({ sessionStart: hoursFromNow(1), sessionEnd: hoursFromNow(2) });
    expectProblem(await as(app, clinician).post(`/api/v1/progress-notes/${body.id}/sign`), 422);
    expectProblem(await as(app, clinician).post(`/api/v1/progress-notes/${body.id}/addenda`).send({ body: 'x' }), 409);
  });

  it('names invalid fields with 400, and one note per appointment (409)', async () => {
    const bad = await as(app, clinician).post('/api/v1/progress-notes').send({ patientId: 'p', sessionStart: 'noon', body: '' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['patientId', 'sessionStart', 'sessionEnd', 'body']));
    expectProblem(await draft({ sessionEnd: hoursFromNow(-3) }), 400);
    const appointmentId = '3f0c7a9e-1b2d-4c5e-8f90-123456789abc';
    expect((await draft({ appointmentId })).status).toBe(201);
    expectProblem(await draft({ appointmentId }), 409);
  });

  it('keeps notes within the patient scope: another clinician gets 404; only the author signs (403)', async () => {
    const { body } = await draft();
    const other = await login(app, 'clinician.phoenix@sonoran.cairn.test');
    expectProblem(await as(app, other).get(`/api/v1/progress-notes/${body.id}`), 404);
    const supervisor = await login(app, 'supervisor@sonoran.cairn.test');
    expect((await as(app, supervisor).get(`/api/v1/progress-notes/${body.id}`)).status).toBe(200);
    expectProblem(await as(app, supervisor).post(`/api/v1/progress-notes/${body.id}/sign`), 403);
    const [outsider] = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', false, 1);
    expectProblem(await as(app, clinician).post('/api/v1/progress-notes').send({ patientId: outsider, sessionStart: hoursFromNow(-2), sessionEnd: hoursFromNow(-1), body: BODY }), 404);
  });

  it('audits every access without the note text', async () => {
    const { body } = await draft();
    await as(app, clinician).get(`/api/v1/progress-notes/${body.id}`);
    const events = await demo.auditEvents(`resource_id = $1 AND action LIKE 'progress-note.%'`, [body.id]);
    expect(events.map((e) => e['action'])).toEqual(['progress-note.create', 'progress-note.read']);
    expect(JSON.stringify(events)).not.toContain('grounding');
  });
});
