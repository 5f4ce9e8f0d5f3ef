import type { INestApplication } from '@nestjs/common';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

let app: INestApplication;
const demo = new DemoFixture();
let clinician: StaffSession;
let patient: string;

let supervisor: StaffSession;
let clinicianId: string;
let tucson: string;

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const BODY = 'Client reports improved sleep; practised grounding skills in session.';
const letters = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

/** A new patient at Tucson Central with the demo clinician as primary therapist (Part 2 or not). */
async function newPatient(isPart2: boolean): Promise<string> {
  const res = await as(app, supervisor)
    .post('/api/v1/patients')
    .send({
      siteId: tucson,
      firstName: 'Ottilie',
      lastName: `Notes${letters()}`,
      dateOfBirth: '1979-08-09',
      primaryTherapistId: clinicianId,
      ...(isPart2 ? { isPart2: true, part2ProgramName: 'Opioid Treatment Program' } : {}),
    });
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

beforeAll(async () => {
  app = await bootApi();
  clinician = await login(app, 'clinician@sonoran.cairn.test');
  supervisor = await login(app, 'supervisor@sonoran.cairn.test');
  clinicianId = await demo.userId('clinician@sonoran.cairn.test');
  tucson = (await demo.sites('sonoran')).find((x) => x.code === 'TUC')!.id;
  patient = await newPatient(false);
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

const draft = (extra: Record<string, unknown> = {}) =>
  as(app, clinician)
    .post('/api/v1/progress-notes')
    .send({ patientId: patient, sessionStart: hoursFromNow(-2), sessionEnd: hoursFromNow(-1), body: BODY, ...extra });

describe('progress notes (CL-04)', () => {
  it('creates a draft, edits it, signs it (locking it) and takes addenda afterwards', async () => {
    const created = await draft();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', signedAt: null, patientId: patient });
    const id = created.body.id;
    const edited = await as(app, clinician)
      .patch(`/api/v1/progress-notes/${id}`)
      .send({ body: `${BODY} Homework assigned.` });
    expect(edited.status).toBe(200);
    const signed = await as(app, clinician).post(`/api/v1/progress-notes/${id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'signed', signedAt: expect.any(String), signedBy: signed.body.authorId });
    expectProblem(await as(app, clinician).patch(`/api/v1/progress-notes/${id}`).send({ body: 'changed' }), 409);
    expectProblem(await as(app, clinician).post(`/api/v1/progress-notes/${id}/sign`), 409);
    const addendum = await as(app, clinician)
      .post(`/api/v1/progress-notes/${id}/addenda`)
      .send({ body: 'Late entry: called the client to confirm the next session.' });
    expect(addendum.status).toBe(201);
    expect(addendum.body.addenda).toHaveLength(1);
    expect(addendum.body.body).toBe(`${BODY} Homework assigned.`);
    // One row per change, naming the note and its patient; the refused edit and sign (409) leave none.
    const events = await demo.auditEvents(`resource_id = $1 AND action LIKE 'progress-note.%'`, [id]);
    expect(events.map((e) => [e['action'], e['outcome'], e['patient_id'], e['resource_type']])).toEqual([
      ['progress-note.create', 'success', patient, 'progress_note'],
      ['progress-note.update', 'success', patient, 'progress_note'],
      ['progress-note.sign', 'success', patient, 'progress_note'],
      ['progress-note.addendum', 'success', patient, 'progress_note'],
    ]);
    expect(events[1]!['scope']).toMatchObject({ changedFields: ['body'] });
    expect(events[3]!['scope']).toMatchObject({ addendumId: addendum.body.addenda[0].id });
    // The signature is published through the outbox in its transaction (dashboards), ids and times only; the
    // refused second signature (409) published nothing.
    const { rows } = await demo.owner.query(
      `SELECT * FROM pf_outbox_events WHERE event_type = 'cl_progress_note_signed.v1' AND payload->>'note_id' = $1`,
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toEqual({
      organization_id: created.body.organizationId,
      note_id: id,
      site_id: created.body.siteId,
      author_id: signed.body.authorId,
      session_end: created.body.sessionEnd,
      signed_at: signed.body.signedAt,
    });
  });

  it('is locked in the database too: a signed note cannot be updated even by the owner role', async () => {
    const { body } = await draft();
    await as(app, clinician).post(`/api/v1/progress-notes/${body.id}/sign`);
    await expect(demo.owner.query(`UPDATE cl_progress_notes SET body = 'tampered' WHERE id = $1`, [body.id])).rejects.toThrow(
      /signed and locked/,
    );
  });

  it('refuses to sign before the session has ended (422) and addenda on drafts (409)', async () => {
    const { body } = await draft({ sessionStart: hoursFromNow(1), sessionEnd: hoursFromNow(2) });
    expectProblem(await as(app, clinician).post(`/api/v1/progress-notes/${body.id}/sign`), 422);
    expectProblem(await as(app, clinician).post(`/api/v1/progress-notes/${body.id}/addenda`).send({ body: 'x' }), 409);
  });

  it('names invalid fields with 400, and one note per appointment (409)', async () => {
    const bad = await as(app, clinician).post('/api/v1/progress-notes').send({ patientId: 'p', sessionStart: 'noon', body: '' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['patientId', 'sessionStart', 'sessionEnd', 'body']),
    );
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
    const unseen = await as(app, clinician)
      .post('/api/v1/progress-notes')
      .send({ patientId: outsider, sessionStart: hoursFromNow(-2), sessionEnd: hoursFromNow(-1), body: BODY });
    expectProblem(unseen, 404);
    // Not found names neither the patient asked for nor a note; the refused sign (403) leaves no row.
    const [notFound] = await demo.auditEvents(`action = 'progress-note.create' AND request_id = $1`, [unseen.headers['x-request-id']]);
    expect(notFound).toMatchObject({
      outcome: 'not_found',
      patient_id: null,
      resource_id: null,
      scope: expect.objectContaining({ patientIdGiven: true }),
    });
    expect(await demo.auditEvents(`resource_id = $1 AND action = 'progress-note.sign'`, [body.id])).toEqual([]);
  });

  it('audits every access without the note text', async () => {
    const { body } = await draft();
    await as(app, clinician).get(`/api/v1/progress-notes/${body.id}`);
    const events = await demo.auditEvents(`resource_id = $1 AND action LIKE 'progress-note.%'`, [body.id]);
    expect(events.map((e) => e['action'])).toEqual(['progress-note.create', 'progress-note.read']);
    expect(JSON.stringify(events)).not.toContain('grounding');
  });

  it('treats notes of a Part 2 chart as Part 2 records: refused without a consent covering them, with the §2.32 notice once covered', async () => {
    const p2 = await newPatient(true);
    const note = { patientId: p2, sessionStart: hoursFromNow(-2), sessionEnd: hoursFromNow(-1), body: BODY };
    const refused = await as(app, clinician).post('/api/v1/progress-notes').send(note);
    expectProblem(refused, 403);
    const [denied] = await demo.auditEvents(`action = 'progress-note.create' AND request_id = $1`, [refused.headers['x-request-id']]);
    expect(denied).toMatchObject({
      outcome: 'denied',
      patient_id: p2,
      resource_id: null,
      reason: 'part2: no consent covers progress notes of this chart for you',
      scope: expect.objectContaining({ part2: true }),
    });
    // A note on that chart written outside the API stays invisible to the clinician (row-level security).
    const { rows } = await demo.owner.query(
      `INSERT INTO cl_progress_notes (organization_id, id, site_id, patient_id, author_id, session_start, session_end, body)
       SELECT organization_id, gen_random_uuid(), site_id, id, $2, now() - interval '2 hours', now() - interval '1 hour', 'x' FROM cl_patients WHERE id = $1 RETURNING id`,
      [p2, clinicianId],
    );
    expectProblem(await as(app, clinician).get(`/api/v1/progress-notes/${rows[0].id}`), 404);

    const sonoranOrgId = await demo.orgId('sonoran');
    const consent = await as(app, supervisor)
      .post(`/api/v1/patients/${p2}/consents`)
      .send({
        consentType: 'tpo',
        disclosingParty: 'Sonoran Behavioral Health, Opioid Treatment Program',
        informationDescription: 'All substance use disorder treatment records',
        recordTypes: ['progress_note'],
        recipients: [{ type: 'organization', organizationId: sonoranOrgId, name: 'Sonoran Behavioral Health' }],
        purposes: ['treatment', 'payment', 'health_care_operations'],
        expirationEvent: 'none',
        signedBy: 'patient',
        signedOn: new Date().toISOString().slice(0, 10),
        statements: ['right_to_revoke', 'redisclosure', 'treatment_not_conditioned'],
      });
    expect(consent.status).toBe(201);
    const created = await as(app, clinician).post('/api/v1/progress-notes').send(note);
    expect(created.status).toBe(201);
    expect(created.body.part2Notice).toMatch(/42 CFR part 2/);
    const read = await as(app, clinician).get(`/api/v1/progress-notes/${created.body.id}`);
    expect(read.status).toBe(200);
    const [event] = await demo.auditEvents(`action = 'progress-note.read' AND request_id = $1`, [read.headers['x-request-id']]);
    expect(event!['scope']).toMatchObject({ part2: true, part2NoticeApplies: true });
    expect((await as(app, clinician).get(`/api/v1/progress-notes/${rows[0].id}`)).status).toBe(200);
  });
});
