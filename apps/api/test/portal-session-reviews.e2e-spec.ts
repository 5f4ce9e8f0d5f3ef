import { randomUUID } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { buildEvent, MessagingQueues, WorkerHostModule } from '@cairn/platform/messaging';
import { PM_APPOINTMENT_STATUS_CHANGED_V1, type PmAppointmentStatusChangedV1 } from '@cairn/platform/scheduling';
import { PortalWorkerModule } from '@cairn/portal';

import { bootApi, redisFlushLoginCounters } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { asClient, onboardClient, OnboardedClient } from './support/portal-api';
import { as, expectProblem, login, StaffSession } from './support/staff-api';
import { testConfig } from './support/test-config';

// Seed scenario 4 (session review flow), through the real worker host and Redis: PM's appointment status event goes
// onto the `portal-session-reviews` queue as the relay puts it there (MessagingQueues.addEvents), the portal's
// consumer schedules a delayed BullMQ job (PORTAL_SESSION_REVIEW_DELAY_SECONDS, 2 s here instead of 24 h), and the
// job makes the client's pending review, once per appointment however often the event arrives, never for a cancelled
// or no-show appointment. Then the client answers it, and the sharing and anonymity rules hold in what the therapist
// and the admins see. The relay itself stays off (OUTBOX_RELAY_ENABLED=false): on the shared test database it would
// send other tests' events.

const DELAY_SECONDS = 2;
let app: INestApplication;
let worker: INestApplicationContext;
const demo = new DemoFixture();
let supervisor: StaffSession;
let frontDesk: StaffSession;
let therapist: StaffSession;
let otherTherapist: StaffSession;
let admin: StaffSession;
let therapistId: string;
let tucson: string;
let client: OnboardedClient;
let otherClient: OnboardedClient;

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const letters = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

async function newPatient(): Promise<string> {
  const res = await as(app, supervisor)
    .post('/api/v1/patients')
    .send({
      siteId: tucson,
      firstName: 'Robin',
      lastName: `Review${letters()}`,
      dateOfBirth: '1990-05-02',
      primaryTherapistId: therapistId,
    });
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Books a past appointment with the therapist and moves it to `status` through PM's API; returns its id. */
async function pastAppointment(patientId: string, status: string, extra: Record<string, unknown> = {}): Promise<string> {
  const booked = await as(app, frontDesk)
    .post('/api/v1/pm/appointments')
    .send({
      siteId: tucson,
      providerId: therapistId,
      patientId,
      serviceType: 'psychotherapy-45',
      startAt: hoursFromNow(-3),
      endAt: hoursFromNow(-2),
    });
  if (booked.status !== 201) throw new Error(`book answered ${booked.status}: ${JSON.stringify(booked.body)}`);
  const moved = await as(app, frontDesk)
    .post(`/api/v1/pm/appointments/${booked.body.id}/status`)
    .send({ status, ...extra });
  if (moved.status >= 300) throw new Error(`status answered ${moved.status}: ${JSON.stringify(moved.body)}`);
  return booked.body.id as string;
}

/** PM's status-changed event of the appointment, as the outbox holds it. */
async function statusEvent(appointmentId: string, status: string) {
  const { rows } = await demo.owner.query<{
    id: string;
    organization_id: string;
    payload: PmAppointmentStatusChangedV1;
    occurred_at: Date;
  }>(
    `SELECT id, organization_id, payload, occurred_at FROM pf_outbox_events
     WHERE event_type = $1 AND payload->>'appointment_id' = $2 AND payload->>'status' = $3`,
    [PM_APPOINTMENT_STATUS_CHANGED_V1, appointmentId, status],
  );
  expect(rows).toHaveLength(1);
  const r = rows[0]!;
  return buildEvent(PM_APPOINTMENT_STATUS_CHANGED_V1, r.organization_id, r.payload, { id: r.id, occurredAt: r.occurred_at });
}

/** Puts events on the portal's queue as the relay does. */
const deliver = (...events: ReturnType<typeof buildEvent>[]) => worker.get(MessagingQueues).addEvents('portal-session-reviews', events);

const reviewsOf = async (appointmentId: string) =>
  (await demo.owner.query(`SELECT * FROM po_session_reviews WHERE appointment_id = $1`, [appointmentId])).rows;

async function waitForReview(appointmentId: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await reviewsOf(appointmentId);
    if (rows.length > 0) return rows;
    if (Date.now() > until) throw new Error(`no review prompt for ${appointmentId} within ${timeoutMs} ms`);
    await sleep(200);
  }
}

async function promptedReview(c: OnboardedClient): Promise<{ appointmentId: string; reviewId: string }> {
  const appointmentId = await pastAppointment(c.patientId, 'completed');
  await deliver(await statusEvent(appointmentId, 'completed'));
  const [row] = await waitForReview(appointmentId);
  return { appointmentId, reviewId: row!.id as string };
}

beforeAll(async () => {
  app = await bootApi();
  await redisFlushLoginCounters();
  [supervisor, frontDesk, therapist, otherTherapist, admin] = await Promise.all([
    login(app, 'supervisor@sonoran.cairn.test'),
    login(app, 'frontdesk@sonoran.cairn.test'),
    login(app, 'clinician@sonoran.cairn.test'),
    login(app, 'clinician.flagstaff@sonoran.cairn.test'),
    login(app, 'admin@sonoran.cairn.test'),
  ]);
  therapistId = await demo.userId('clinician@sonoran.cairn.test');
  tucson = (await demo.sites('sonoran')).find((s) => s.code === 'TUC')!.id;
  client = await onboardClient(app, therapist, await newPatient());
  otherClient = await onboardClient(app, therapist, await newPatient());
  const config = testConfig({
    OUTBOX_RELAY_ENABLED: 'false',
    QUEUE_PREFIX: `cairn-test-reviews-${randomUUID().slice(0, 8)}`,
    PORTAL_SESSION_REVIEW_DELAY_SECONDS: String(DELAY_SECONDS),
  });
  worker = await NestFactory.createApplicationContext(WorkerHostModule.register({ config, consumers: [PortalWorkerModule] }), {
    abortOnError: false,
  });
  await worker.init();
});
afterAll(async () => {
  await worker?.close();
  await app.close();
  await demo.close();
});

describe('scenario 4: session review flow', () => {
  it('prompts the client after the delay, once, rates and shares; the therapist sees it, the admins count it', async () => {
    // 1: the appointment is completed in PM; its event reaches the portal's consumer through Redis.
    const appointmentId = await pastAppointment(client.patientId, 'completed');
    const event = await statusEvent(appointmentId, 'completed');
    await deliver(event);
    // The prompt waits for the configured delay.
    await sleep(500);
    expect(await reviewsOf(appointmentId)).toEqual([]);
    const [row] = await waitForReview(appointmentId);
    expect(row).toMatchObject({ patient_id: client.patientId, clinician_id: therapistId, status: 'pending', shared_with_clinician: false });

    // The same event again (a redelivery) and the same completion under a new event id: still one prompt.
    await deliver(event, { ...event, id: randomUUID() });
    await sleep(DELAY_SECONDS * 1000 + 1500);
    expect(await reviewsOf(appointmentId)).toHaveLength(1);

    // The client sees the prompt (the dashboard's section and the list).
    const pending = await asClient(app, client.session).get('/api/v1/portal/session-reviews?status=pending');
    expect(pending.status).toBe(200);
    expect(pending.body.items).toEqual([expect.objectContaining({ reviewId: row!.id, appointmentId, status: 'pending', rating: null })]);
    const dashboard = await asClient(app, client.session).get('/api/v1/portal/dashboard');
    expect(dashboard.body.sections.sessionReviews.pending).toEqual([expect.objectContaining({ reviewId: row!.id })]);
    // Not shared yet: the therapist sees nothing of the prompt.
    const before = await as(app, therapist).get(`/api/v1/patients/${client.patientId}/session-reviews`);
    expect(before.body.items).toEqual([]);

    // 2-4: the client rates 5 stars with feedback and chooses to share it.
    const answered = await asClient(app, client.session)
      .post(`/api/v1/portal/session-reviews/${row!.id}`)
      .send({ rating: 5, feedback: 'Helpful, I felt heard.', sharedWithClinician: true });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'submitted', rating: 5, sharedWithClinician: true, anonymous: false });

    // 5: the therapist sees it: in the client's reviews, in their own view, on the activity tab, in the notification feed.
    const ofPatient = await as(app, therapist).get(`/api/v1/patients/${client.patientId}/session-reviews`);
    expect(ofPatient.body.items).toEqual([expect.objectContaining({ reviewId: row!.id, rating: 5, feedback: 'Helpful, I felt heard.' })]);
    const own = await as(app, therapist).get('/api/v1/therapist/session-reviews?pageSize=100');
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ reviewId: row!.id })]));
    const activity = await as(app, therapist).get(`/api/v1/patients/${client.patientId}/portal-activity`);
    expect(activity.body.sections.sessionReviews.recent).toEqual([expect.objectContaining({ reviewId: row!.id, rating: 5 })]);
    const feed = await as(app, therapist).get('/api/v1/therapist/portal-notifications?pageSize=100');
    expect(feed.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ patientId: client.patientId, kind: 'session_review.shared', recordId: row!.id })]),
    );

    // 6: the admins' quality view includes it, filtered by rating and clinician, with the client; the read is audited.
    const quality = await as(app, admin).get(`/api/v1/admin/portal/session-reviews?rating=5&clinicianId=${therapistId}&pageSize=100`);
    expect(quality.status).toBe(200);
    expect(quality.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ reviewId: row!.id, patientId: client.patientId })]),
    );
    expect(quality.body.items.every((r: { rating: number; clinicianId: string }) => r.rating === 5 && r.clinicianId === therapistId)).toBe(
      true,
    );
    const [audit] = await demo.auditEvents(`action = 'portal.session-review.oversight' AND request_id = $1`, [
      quality.headers['x-request-id'],
    ]);
    expect(audit).toMatchObject({ outcome: 'success' });
    const prompted = await demo.auditEvents(`action = 'portal.session-review.prompt' AND resource_id = $1`, [row!.id]);
    expect(prompted).toHaveLength(1);
  });

  it('prompts nothing for cancelled, late-cancelled or no-show appointments', async () => {
    const cancelled = await pastAppointment(client.patientId, 'cancelled', { cancelledBy: 'clinic' });
    const late = await pastAppointment(client.patientId, 'late_cancelled', { cancelledBy: 'patient' });
    const noShow = await pastAppointment(client.patientId, 'no_show');
    await deliver(
      await statusEvent(cancelled, 'cancelled'),
      await statusEvent(late, 'late_cancelled'),
      await statusEvent(noShow, 'no_show'),
    );
    // A completed one delivered after them: once it is prompted, the others had their chance.
    const { appointmentId } = await promptedReview(client);
    await sleep(1000);
    expect(await reviewsOf(cancelled)).toEqual([]);
    expect(await reviewsOf(late)).toEqual([]);
    expect(await reviewsOf(noShow)).toEqual([]);
    expect(await reviewsOf(appointmentId)).toHaveLength(1);
  });

  it('keeps an anonymous review from the therapist (row policy) and its client from the admins (view)', async () => {
    const { reviewId } = await promptedReview(client);
    const res = await asClient(app, client.session)
      .post(`/api/v1/portal/session-reviews/${reviewId}`)
      .send({ rating: 2, feedback: 'Started late; I did not feel heard.', sharedWithClinician: true, anonymous: true });
    expect(res.status).toBe(200);
    // The therapist: not in the client's reviews, not in their own view, no notification, even though "shared".
    const ofPatient = await as(app, therapist).get(`/api/v1/patients/${client.patientId}/session-reviews?pageSize=100`);
    expect(ofPatient.body.items.map((r: { reviewId: string }) => r.reviewId)).not.toContain(reviewId);
    const own = await as(app, therapist).get('/api/v1/therapist/session-reviews?pageSize=100');
    expect(own.body.items.map((r: { reviewId: string }) => r.reviewId)).not.toContain(reviewId);
    const notes = await demo.owner.query(`SELECT 1 FROM po_notifications WHERE record_id = $1`, [reviewId]);
    expect(notes.rows).toEqual([]);
    // The admins: in the quality view (low ratings), without the client.
    const quality = await as(app, admin).get('/api/v1/admin/portal/session-reviews?maxRating=3&pageSize=100');
    const found = quality.body.items.find((r: { reviewId: string }) => r.reviewId === reviewId);
    expect(found).toMatchObject({ rating: 2, anonymous: true, patientId: null, clinicianId: therapistId });
    // The client still sees their own.
    const mine = await asClient(app, client.session).get('/api/v1/portal/session-reviews?status=submitted&pageSize=100');
    expect(mine.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ reviewId, anonymous: true })]));
  });

  it('keeps an unshared review from the therapist; the default is not shared', async () => {
    const { reviewId } = await promptedReview(client);
    const res = await asClient(app, client.session).post(`/api/v1/portal/session-reviews/${reviewId}`).send({ rating: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sharedWithClinician: false, anonymous: false });
    const ofPatient = await as(app, therapist).get(`/api/v1/patients/${client.patientId}/session-reviews?pageSize=100`);
    expect(ofPatient.body.items.map((r: { reviewId: string }) => r.reviewId)).not.toContain(reviewId);
    const quality = await as(app, admin).get('/api/v1/admin/portal/session-reviews?rating=3&pageSize=100');
    expect(quality.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ reviewId, patientId: client.patientId })]));
  });
});

describe('session review refusals', () => {
  let reviewId: string;
  beforeAll(async () => {
    ({ reviewId } = await promptedReview(client));
  });

  it('refuses a rating outside 1-5 or not a whole number (400 naming the field), writing nothing', async () => {
    for (const rating of [0, 6, 2.5, '5', null]) {
      const res = await asClient(app, client.session).post(`/api/v1/portal/session-reviews/${reviewId}`).send({ rating });
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('rating');
    }
    expectProblem(
      await asClient(app, client.session).post(`/api/v1/portal/session-reviews/${reviewId}`).send({ rating: 4, anonymous: 'yes' }),
      400,
    );
    expect((await demo.owner.query(`SELECT status, rating FROM po_session_reviews WHERE id = $1`, [reviewId])).rows[0]).toEqual({
      status: 'pending',
      rating: null,
    });
  });

  it("answers 404 for another client's review and changes nothing", async () => {
    const res = await asClient(app, otherClient.session).post(`/api/v1/portal/session-reviews/${reviewId}`).send({ rating: 1 });
    expectProblem(res, 404);
    expect((await demo.owner.query(`SELECT status FROM po_session_reviews WHERE id = $1`, [reviewId])).rows[0]).toEqual({
      status: 'pending',
    });
    expect((await asClient(app, otherClient.session).get('/api/v1/portal/session-reviews?pageSize=100')).body.items).toEqual([]);
  });

  it('refuses a second answer (409), audited, the first answer kept', async () => {
    const first = await asClient(app, client.session).post(`/api/v1/portal/session-reviews/${reviewId}`).send({ rating: 4 });
    expect(first.status).toBe(200);
    const again = await asClient(app, client.session)
      .post(`/api/v1/portal/session-reviews/${reviewId}`)
      .send({ rating: 1, anonymous: true });
    expectProblem(again, 409);
    expect((await demo.owner.query(`SELECT rating, anonymous FROM po_session_reviews WHERE id = $1`, [reviewId])).rows[0]).toEqual({
      rating: 4,
      anonymous: false,
    });
    const [denied] = await demo.auditEvents(`action = 'portal.session-review.submit' AND request_id = $1`, [again.headers['x-request-id']]);
    expect(denied).toMatchObject({ outcome: 'denied' });
  });

  it('refuses the wrong subject: staff on the client route, a client on staff routes, a therapist on the admin route', async () => {
    expectProblem(await as(app, therapist).post(`/api/v1/portal/session-reviews/${reviewId}`).send({ rating: 5 }), 401);
    expectProblem(await asClient(app, client.session).get('/api/v1/admin/portal/session-reviews'), 401);
    expectProblem(await asClient(app, client.session).get(`/api/v1/patients/${client.patientId}/session-reviews`), 401);
    expectProblem(await as(app, therapist).get('/api/v1/admin/portal/session-reviews'), 403);
    expectProblem(await as(app, admin).get('/api/v1/admin/portal/session-reviews?rating=9'), 400);
    expectProblem(await as(app, admin).get('/api/v1/admin/portal/session-reviews?clinicianId=nope'), 400);
    // Another therapist of the organization does not see the client's reviews at all.
    expectProblem(await as(app, otherTherapist).get(`/api/v1/patients/${client.patientId}/session-reviews`), 404);
  });
});
