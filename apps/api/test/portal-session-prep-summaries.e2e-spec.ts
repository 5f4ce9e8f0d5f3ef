import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { bootApi, redisFlushLoginCounters } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { asClient, onboardClient, OnboardedClient } from './support/portal-api';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// Pre-session prep (seed §2.C) and session summaries (seed §5 "therapist shares session summary -> client can
// view/download"), with every refusal: prep for a past or cancelled appointment, for another client's appointment;
// a summary of an appointment not completed, twice, by a therapist who is not the client's; the wrong subject.

let app: INestApplication;
const demo = new DemoFixture();
let supervisor: StaffSession;
let frontDesk: StaffSession;
let therapist: StaffSession;
let otherTherapist: StaffSession;
let therapistId: string;
let tucson: string;
let client: OnboardedClient;
let otherClient: OnboardedClient;

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const letters = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const count = async (sql: string, params: unknown[]) => Number((await demo.owner.query<{ n: string }>(sql, params)).rows[0]!.n);

async function newPatient(): Promise<string> {
  const res = await as(app, supervisor)
    .post('/api/v1/patients')
    .send({
      siteId: tucson,
      firstName: 'Jordan',
      lastName: `Prep${letters()}`,
      dateOfBirth: '1985-09-12',
      primaryTherapistId: therapistId,
    });
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function appointment(patientId: string, startInHours: number, status?: string, extra: Record<string, unknown> = {}): Promise<string> {
  const booked = await as(app, frontDesk)
    .post('/api/v1/pm/appointments')
    .send({
      siteId: tucson,
      providerId: therapistId,
      patientId,
      serviceType: 'psychotherapy-45',
      startAt: hoursFromNow(startInHours),
      endAt: hoursFromNow(startInHours + 1),
    });
  if (booked.status !== 201) throw new Error(`book answered ${booked.status}: ${JSON.stringify(booked.body)}`);
  if (status) {
    const moved = await as(app, frontDesk)
      .post(`/api/v1/pm/appointments/${booked.body.id}/status`)
      .send({ status, ...extra });
    if (moved.status >= 300) throw new Error(`status answered ${moved.status}: ${JSON.stringify(moved.body)}`);
  }
  return booked.body.id as string;
}

beforeAll(async () => {
  app = await bootApi();
  await redisFlushLoginCounters();
  [supervisor, frontDesk, therapist, otherTherapist] = await Promise.all([
    login(app, 'supervisor@sonoran.cairn.test'),
    login(app, 'frontdesk@sonoran.cairn.test'),
    login(app, 'clinician@sonoran.cairn.test'),
    login(app, 'clinician.flagstaff@sonoran.cairn.test'),
  ]);
  therapistId = await demo.userId('clinician@sonoran.cairn.test');
  tucson = (await demo.sites('sonoran')).find((s) => s.code === 'TUC')!.id;
  client = await onboardClient(app, therapist, await newPatient());
  otherClient = await onboardClient(app, therapist, await newPatient());
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('pre-session prep', () => {
  it('the client prepares an upcoming session; an urgent concern notifies the therapist, whose prep view shows mood and homework', async () => {
    const appt = await appointment(client.patientId, 48);
    const mood = await asClient(app, client.session)
      .post('/api/v1/portal/mood-entries')
      .send({ score: 3, symptoms: ['ANXIETY'] });
    expect(mood.status).toBe(201);
    const hw = await as(app, therapist)
      .post(`/api/v1/patients/${client.patientId}/homework`)
      .send({
        title: 'Sleep diary',
        description: 'Log bedtime and waking for a week',
        homeworkType: 'thought_record',
        dueOn: hoursFromNow(24 * 5).slice(0, 10),
      });
    expect(hw.status).toBe(201);

    const prep = await asClient(app, client.session)
      .post('/api/v1/portal/session-preps')
      .send({
        appointmentId: appt,
        topics: ['Sleep', ' sleep ', 'My sister'],
        recentFeelings: 'Anxious in the evenings',
        urgentConcern: 'A panic attack at work on Monday',
      });
    expect(prep.status).toBe(200);
    const [submitted] = await demo.auditEvents(`action = 'portal.session-prep.submit' AND request_id = $1`, [prep.headers['x-request-id']]);
    expect(submitted).toMatchObject({ outcome: 'success', patient_id: client.patientId, actor_type: 'client' });
    expect(prep.body).toMatchObject({
      appointmentId: appt,
      patientId: client.patientId,
      topics: ['Sleep', 'My sister'],
      urgentConcern: 'A panic attack at work on Monday',
    });

    const feed = await as(app, therapist).get('/api/v1/therapist/portal-notifications?pageSize=100');
    expect(feed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ patientId: client.patientId, kind: 'session_prep.urgent', recordId: prep.body.prepId }),
      ]),
    );

    const brief = await as(app, therapist).get(`/api/v1/patients/${client.patientId}/appointments/${appt}/prep`);
    expect(brief.status).toBe(200);
    expect(brief.body.prep).toMatchObject({ prepId: prep.body.prepId, recentFeelings: 'Anxious in the evenings' });
    expect(brief.body.recentMood).toEqual([expect.objectContaining({ score: 3, symptoms: ['ANXIETY'] })]);
    expect(brief.body.averageMood).toBe(3);
    expect(brief.body.homework).toMatchObject({ assigned: 1, overdue: 0 });
    const [audited] = await demo.auditEvents(`action = 'portal.session-prep.read' AND request_id = $1`, [brief.headers['x-request-id']]);
    expect(audited).toMatchObject({ outcome: 'success', patient_id: client.patientId });

    // Revised without a new concern: one prep, no second notification; the activity tab lists it.
    const revised = await asClient(app, client.session)
      .post('/api/v1/portal/session-preps')
      .send({ appointmentId: appt, topics: ['Sleep'], urgentConcern: 'A panic attack at work on Monday' });
    expect(revised.status).toBe(200);
    expect(revised.body.prepId).toBe(prep.body.prepId);
    expect(await count(`SELECT count(*) AS n FROM po_notifications WHERE record_id = $1`, [prep.body.prepId])).toBe(1);
    const activity = await as(app, therapist).get(`/api/v1/patients/${client.patientId}/portal-activity`);
    expect(activity.body.sections.sessionPrep).toEqual([expect.objectContaining({ prepId: prep.body.prepId, topics: ['Sleep'] })]);
    const mine = await asClient(app, client.session).get('/api/v1/portal/session-preps');
    expect(mine.body).toEqual([expect.objectContaining({ prepId: prep.body.prepId })]);
  });

  it('refuses prep for a past or cancelled appointment (422 naming appointmentId), writing nothing', async () => {
    const past = await appointment(client.patientId, -5);
    const cancelled = await appointment(client.patientId, 30, 'cancelled', { cancelledBy: 'patient' });
    for (const appointmentId of [past, cancelled]) {
      const res = await asClient(app, client.session)
        .post('/api/v1/portal/session-preps')
        .send({ appointmentId, topics: ['x'] });
      expectProblem(res, 422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['appointmentId']);
      expect(await count(`SELECT count(*) AS n FROM po_session_preps WHERE appointment_id = $1`, [appointmentId])).toBe(0);
    }
  });

  it("answers 404 for another client's appointment, 400 for bad input, 401 for the wrong subject", async () => {
    const theirs = await appointment(otherClient.patientId, 50);
    expectProblem(
      await asClient(app, client.session)
        .post('/api/v1/portal/session-preps')
        .send({ appointmentId: theirs, topics: ['x'] }),
      404,
    );
    expect(await count(`SELECT count(*) AS n FROM po_session_preps WHERE appointment_id = $1`, [theirs])).toBe(0);
    const bad = await asClient(app, client.session).post('/api/v1/portal/session-preps').send({ appointmentId: 'nope', topics: 'sleep' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['appointmentId', 'topics']));
    const tooMany = Array.from({ length: 11 }, (_, i) => `topic ${i}`);
    expectProblem(
      await asClient(app, client.session).post('/api/v1/portal/session-preps').send({ appointmentId: theirs, topics: tooMany }),
      400,
    );
    expectProblem(
      await as(app, therapist)
        .post('/api/v1/portal/session-preps')
        .send({ appointmentId: theirs, topics: ['x'] }),
      401,
    );
    expectProblem(await asClient(app, client.session).get(`/api/v1/patients/${client.patientId}/appointments/${theirs}/prep`), 401);
    // Another therapist: the patient is not theirs.
    expectProblem(await as(app, otherTherapist).get(`/api/v1/patients/${client.patientId}/appointments/${theirs}/prep`), 404);
  });
});

describe('session summaries', () => {
  it('the therapist shares a summary of a completed session; the client reads it and downloads it as a PDF (audited)', async () => {
    const appt = await appointment(client.patientId, -26, 'completed');
    const shared = await as(app, therapist)
      .post(`/api/v1/patients/${client.patientId}/session-summaries`)
      .send({ appointmentId: appt, summary: 'We practised box breathing. Try it once a day before next time.' });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ appointmentId: appt, patientId: client.patientId, sharedBy: therapistId });

    const list = await asClient(app, client.session).get('/api/v1/portal/session-summaries');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ summaryId: shared.body.summaryId, summary: shared.body.summary })]);
    const staffList = await as(app, therapist).get(`/api/v1/patients/${client.patientId}/session-summaries`);
    expect(staffList.body.items).toEqual([expect.objectContaining({ summaryId: shared.body.summaryId })]);
    const one = await asClient(app, client.session).get(`/api/v1/portal/session-summaries/${shared.body.summaryId}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(shared.body);
    const [viewed] = await demo.auditEvents(`action = 'portal.session-summary.view' AND request_id = $1`, [one.headers['x-request-id']]);
    expect(viewed).toMatchObject({ outcome: 'success', patient_id: client.patientId, actor_type: 'client' });

    const pdf = await asClient(app, client.session)
      .get(`/api/v1/portal/session-summaries/${shared.body.summaryId}/pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="session-summary-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const body = pdf.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(body.length).toBeGreaterThan(800);
    const [audited] = await demo.auditEvents(`action = 'portal.session-summary.download' AND request_id = $1`, [
      pdf.headers['x-request-id'],
    ]);
    expect(audited).toMatchObject({ outcome: 'success', patient_id: client.patientId, actor_type: 'client' });
  });

  it('refuses a summary of an appointment not completed (422), a second one (409), and one by another therapist (404)', async () => {
    const upcoming = await appointment(client.patientId, 72);
    const noShow = await appointment(client.patientId, -30, 'no_show');
    for (const appointmentId of [upcoming, noShow]) {
      const res = await as(app, therapist)
        .post(`/api/v1/patients/${client.patientId}/session-summaries`)
        .send({ appointmentId, summary: 'x' });
      expectProblem(res, 422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['appointmentId']);
    }
    const done = await appointment(client.patientId, -50, 'completed');
    const first = await as(app, therapist)
      .post(`/api/v1/patients/${client.patientId}/session-summaries`)
      .send({ appointmentId: done, summary: 'First.' });
    expect(first.status).toBe(201);
    expectProblem(
      await as(app, therapist)
        .post(`/api/v1/patients/${client.patientId}/session-summaries`)
        .send({ appointmentId: done, summary: 'Again.' }),
      409,
    );
    expectProblem(
      await as(app, otherTherapist)
        .post(`/api/v1/patients/${client.patientId}/session-summaries`)
        .send({ appointmentId: done, summary: 'Mine.' }),
      404,
    );
    // The appointment must be this client's.
    const theirs = await appointment(otherClient.patientId, -52, 'completed');
    expectProblem(
      await as(app, therapist).post(`/api/v1/patients/${client.patientId}/session-summaries`).send({ appointmentId: theirs, summary: 'x' }),
      404,
    );
    expectProblem(
      await as(app, therapist).post(`/api/v1/patients/${client.patientId}/session-summaries`).send({ appointmentId: done, summary: '' }),
      400,
    );
    expect(
      await count(`SELECT count(*) AS n FROM po_session_summaries WHERE appointment_id = ANY($1::uuid[])`, [
        [upcoming, noShow, done, theirs],
      ]),
    ).toBe(1);
  });

  it("answers 404 for another client's summary and 401 for the wrong subject", async () => {
    const done = await appointment(client.patientId, -60, 'completed');
    const shared = await as(app, therapist)
      .post(`/api/v1/patients/${client.patientId}/session-summaries`)
      .send({ appointmentId: done, summary: 'Ours.' });
    expect(shared.status).toBe(201);
    expectProblem(await asClient(app, otherClient.session).get(`/api/v1/portal/session-summaries/${shared.body.summaryId}/pdf`), 404);
    expectProblem(await asClient(app, otherClient.session).get(`/api/v1/portal/session-summaries/${shared.body.summaryId}`), 404);
    expectProblem(await asClient(app, otherClient.session).get('/api/v1/portal/session-summaries/not-an-id'), 404);
    expect((await asClient(app, otherClient.session).get('/api/v1/portal/session-summaries')).body.items).toEqual([]);
    expectProblem(await as(app, therapist).get(`/api/v1/portal/session-summaries/${shared.body.summaryId}/pdf`), 401);
    expectProblem(
      await asClient(app, client.session)
        .post(`/api/v1/patients/${client.patientId}/session-summaries`)
        .send({ appointmentId: done, summary: 'x' }),
      401,
    );
    expectProblem(await request(app.getHttpServer()).get(`/api/v1/portal/session-summaries/${shared.body.summaryId}/pdf`), 401);
  });
});

describe('sessions a summary may be shared for', () => {
  const sessionsOf = (patientId: string, query = '') => `/api/v1/patients/${patientId}/session-summaries/sessions${query}`;

  it('lists the held sessions of the last 60 days newest first, with clinician, site and whether a summary was shared (audited)', async () => {
    const patientId = await newPatient();
    const older = await appointment(patientId, -24 * 5, 'completed');
    const newer = await appointment(patientId, -24 * 2, 'completed');
    const outOfPeriod = await appointment(patientId, -24 * 90, 'completed');
    const notHeld = [
      await appointment(patientId, -24 * 3, 'no_show'),
      await appointment(patientId, -24 * 4, 'cancelled', { cancelledBy: 'patient' }),
      await appointment(patientId, -2, 'checked_in'),
      await appointment(patientId, 24),
    ];
    const shared = await as(app, therapist)
      .post(`/api/v1/patients/${patientId}/session-summaries`)
      .send({ appointmentId: older, summary: 'Done.' });
    expect(shared.status).toBe(201);

    const res = await as(app, therapist).get(sessionsOf(patientId));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ patientId, days: 60 });
    expect(Date.now() - new Date(res.body.from).getTime()).toBeGreaterThanOrEqual(60 * 86_400_000);
    expect(res.body.sessions.map((s: { appointmentId: string }) => s.appointmentId)).toEqual([newer, older]);
    expect(res.body.sessions[0]).toMatchObject({
      status: 'completed',
      clinicianId: therapistId,
      clinicianName: expect.any(String),
      siteId: tucson,
      siteName: expect.any(String),
      summaryId: null,
      summarySharedAt: null,
    });
    expect(new Date(res.body.sessions[0].endAt).getTime()).toBeGreaterThan(new Date(res.body.sessions[0].startAt).getTime());
    expect(res.body.sessions[1]).toMatchObject({ summaryId: shared.body.summaryId, summarySharedAt: shared.body.sharedAt });
    for (const id of [outOfPeriod, ...notHeld]) expect(JSON.stringify(res.body)).not.toContain(id);
    const [audited] = await demo.auditEvents(`action = 'portal.session-summary.sessions' AND request_id = $1`, [
      res.headers['x-request-id'],
    ]);
    expect(audited).toMatchObject({ outcome: 'success', patient_id: patientId, actor_type: 'staff' });

    // A longer period reaches further back; a portal admin sees the same list.
    const year = await as(app, therapist).get(sessionsOf(patientId, '?days=365'));
    expect(year.status).toBe(200);
    expect(year.body.sessions.map((s: { appointmentId: string }) => s.appointmentId)).toEqual([newer, older, outOfPeriod]);
    const admin = await login(app, 'admin@sonoran.cairn.test');
    const adminView = await as(app, admin).get(sessionsOf(patientId));
    expect(adminView.status).toBe(200);
    expect(adminView.body.sessions).toHaveLength(2);
    // A supervisor holds the permission but is neither the primary therapist nor a portal admin.
    expectProblem(await as(app, supervisor).get(sessionsOf(patientId)), 404);
  });

  it('answers an empty list when no session was held in the period', async () => {
    const patientId = await newPatient();
    await appointment(patientId, 48);
    const res = await as(app, therapist).get(sessionsOf(patientId, '?days=1'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ patientId, days: 1, sessions: [] });
  });

  it('refuses a bad period with 400 naming days, leaving no audit row', async () => {
    for (const days of ['0', '366', 'abc', '1.5', '-3', '']) {
      const res = await as(app, therapist).get(sessionsOf(client.patientId, `?days=${days}`));
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'days', message: 'days must be a whole number from 1 to 365' }]);
      expect(
        await demo.auditEvents(`action = 'portal.session-summary.sessions' AND request_id = $1`, [res.headers['x-request-id']]),
      ).toEqual([]);
    }
  });

  it('refuses staff without the permission (403), another therapist and another organization (404), a client (401)', async () => {
    expectProblem(await as(app, frontDesk).get(sessionsOf(client.patientId)), 403);
    const notTheirs = await as(app, otherTherapist).get(sessionsOf(client.patientId));
    expectProblem(notTheirs, 404);
    const [refused] = await demo.auditEvents(`action = 'portal.session-summary.sessions' AND request_id = $1`, [
      notTheirs.headers['x-request-id'],
    ]);
    expect(refused).toMatchObject({ outcome: 'not_found', patient_id: null });
    const [otherOrgPatient] = await demo.activePatients('cascade', 1);
    expectProblem(await as(app, supervisor).get(sessionsOf(otherOrgPatient!)), 404);
    const cascadeAdmin = await login(app, 'admin@cascade.cairn.test');
    expectProblem(await as(app, cascadeAdmin).get(sessionsOf(client.patientId)), 404);
    expectProblem(await as(app, therapist).get(sessionsOf('not-an-id')), 404);
    expectProblem(await asClient(app, client.session).get(sessionsOf(client.patientId)), 401);
    expectProblem(await request(app.getHttpServer()).get(sessionsOf(client.patientId)), 401);
  });
});
