import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';

import { toneWav } from '@cairn/testing';

import { bootApi, redisFlushLoginCounters } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { asClient, onboardClient, OnboardedClient } from './support/portal-api';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// Client notifications (issue 20): what the therapist (or the clinic) makes for a client tells the client, in the
// same transaction; the client lists them (paged, unread count) and marks them read; nobody else sees them.

let app: INestApplication;
const demo = new DemoFixture();
let supervisor: StaffSession;
let frontDesk: StaffSession;
let therapist: StaffSession;
let otherTherapist: StaffSession;
let admin: StaffSession;
let therapistId: string;
let otherTherapistId: string;
let tucson: string;
let client: OnboardedClient;
let otherClient: OnboardedClient;

interface Notification {
  notificationId: string;
  kind: string;
  recordKind: string;
  recordId: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const inDays = (n: number) => new Date(Date.now() + n * 24 * 3600_000).toISOString().slice(0, 10);
const letters = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const fields = (res: { body: { errors?: { field: string }[] } }) => [...new Set((res.body.errors ?? []).map((e) => e.field))];

async function newPatient(): Promise<string> {
  const res = await as(app, supervisor)
    .post('/api/v1/patients')
    .send({
      siteId: tucson,
      firstName: 'Robin',
      lastName: `Notify${letters()}`,
      dateOfBirth: '1988-03-02',
      primaryTherapistId: therapistId,
    });
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function completedAppointment(patientId: string): Promise<string> {
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
  const moved = await as(app, frontDesk).post(`/api/v1/pm/appointments/${booked.body.id}/status`).send({ status: 'completed' });
  if (moved.status >= 300) throw new Error(`status answered ${moved.status}: ${JSON.stringify(moved.body)}`);
  return booked.body.id as string;
}

const feed = async (c: OnboardedClient, query = '') => {
  const res = await asClient(app, c.session).get(`/api/v1/portal/notifications${query}`);
  expect(res.status).toBe(200);
  return res.body as { items: Notification[]; total: number; unread: number; page: number; pageSize: number };
};

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
  otherTherapistId = await demo.userId('clinician.flagstaff@sonoran.cairn.test');
  tucson = (await demo.sites('sonoran')).find((s) => s.code === 'TUC')!.id;
  client = await onboardClient(app, therapist, await newPatient());
  otherClient = await onboardClient(app, therapist, await newPatient());
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('client notifications', () => {
  const made: Record<string, string> = {};

  it('tells the client of each thing the therapist makes for them, newest first, with words that carry no clinical content', async () => {
    const p = client.patientId;
    const homework = await as(app, therapist)
      .post(`/api/v1/patients/${p}/homework`)
      .send({ title: 'Panic diary', description: 'Note each panic attack', homeworkType: 'journaling', dueOn: inDays(7) });
    expect(homework.status).toBe(201);
    made['homework.assigned'] = homework.body.homeworkId;
    expect((await asClient(app, client.session).post(`/api/v1/portal/homework/${homework.body.homeworkId}/complete`).send({})).status).toBe(
      200,
    );
    const reviewed = await as(app, therapist)
      .post(`/api/v1/patients/${p}/homework/${homework.body.homeworkId}/review`)
      .send({ feedback: 'Your panic attacks are less frequent.' });
    expect(reviewed.status).toBe(200);
    made['homework.reviewed'] = homework.body.homeworkId;
    const resource = await as(app, therapist)
      .post(`/api/v1/patients/${p}/resources`)
      .send({ title: 'Alcohol use workbook', url: 'https://www.niaaa.nih.gov/' });
    expect(resource.status).toBe(201);
    made['resource.recommended'] = resource.body.resourceId;
    const prompt = await as(app, therapist)
      .post(`/api/v1/patients/${p}/portal-prompts`)
      .send({ kind: 'check_in', question: 'Did you drink this week?' });
    expect(prompt.status).toBe(201);
    made['prompt.received'] = prompt.body.promptId;
    const summary = await as(app, therapist)
      .post(`/api/v1/patients/${p}/session-summaries`)
      .send({ appointmentId: await completedAppointment(p), summary: 'We discussed your relapse.' });
    expect(summary.status).toBe(201);
    made['session_summary.shared'] = summary.body.summaryId;
    const file = await as(app, therapist).post(`/api/v1/patients/${p}/portal-files`).attach('file', toneWav(2000), 'message.wav');
    expect(file.status).toBe(201);
    const audio = await as(app, therapist)
      .post(`/api/v1/patients/${p}/audio-messages`)
      .send({ title: 'About your relapse', fileId: file.body.fileId });
    expect(audio.status).toBe(201);
    made['audio_message.received'] = audio.body.audioMessageId;

    const page = await feed(client);
    expect(page.unread).toBe(6);
    expect(page.total).toBe(6);
    expect(page.items.map((n) => [n.kind, n.recordId])).toEqual(
      [
        'audio_message.received',
        'session_summary.shared',
        'prompt.received',
        'resource.recommended',
        'homework.reviewed',
        'homework.assigned',
      ].map((k) => [k, made[k]]),
    );
    expect(page.items.every((n) => n.readAt === null)).toBe(true);
    expect(page.items.find((n) => n.kind === 'session_summary.shared')).toMatchObject({
      recordKind: 'session_summary',
      message: 'Your therapist shared a session summary.',
    });
    // Nothing the therapist wrote reaches the notification's words.
    const words = JSON.stringify(page.items.map((n) => n.message));
    for (const secret of ['Panic', 'panic', 'relapse', 'drink', 'Alcohol']) expect(words).not.toContain(secret);

    // Paged, and narrowed to the unread ones.
    const second = await feed(client, '?page=2&pageSize=4');
    expect(second.items).toHaveLength(2);
    expect(second.unread).toBe(6);
    // Another client of the same therapist sees none of them.
    expect(await feed(otherClient)).toMatchObject({ items: [], total: 0, unread: 0 });
    // The list is audited as the client's read.
    const [audited] = await demo.auditEvents(`action = 'portal.client-notification.list' AND patient_id = $1`, [p]);
    expect(audited).toMatchObject({ outcome: 'success' });
  });

  it('marks one read (idempotently), then all; the unread count follows', async () => {
    const before = await feed(client);
    const first = before.items[0]!;
    const marked = await asClient(app, client.session).post(`/api/v1/portal/notifications/${first.notificationId}/read`);
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ notificationId: first.notificationId, readAt: expect.any(String) });
    const again = await asClient(app, client.session).post(`/api/v1/portal/notifications/${first.notificationId}/read`);
    expect(again.body.readAt).toBe(marked.body.readAt);
    expect((await feed(client)).unread).toBe(before.unread - 1);
    const unreadOnly = await feed(client, '?unread=true');
    expect(unreadOnly.items.map((n) => n.notificationId)).not.toContain(first.notificationId);
    expect(unreadOnly.total).toBe(before.unread - 1);

    const all = await asClient(app, client.session).post('/api/v1/portal/notifications/read-all');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ marked: before.unread - 1 });
    expect(await feed(client, '?unread=true')).toMatchObject({ items: [], unread: 0 });
    expect((await asClient(app, client.session).post('/api/v1/portal/notifications/read-all')).body).toEqual({ marked: 0 });
  });

  it("refuses a bad id (400 naming id), another client's notification and an unknown one (404), staff tokens (401)", async () => {
    const bad = await asClient(app, client.session).post('/api/v1/portal/notifications/not-an-id/read');
    expectProblem(bad, 400);
    expect(fields(bad)).toEqual(['id']);
    const theirs = (await feed(client)).items[0]!;
    const stolen = await asClient(app, otherClient.session).post(`/api/v1/portal/notifications/${theirs.notificationId}/read`);
    expectProblem(stolen, 404);
    expectProblem(await asClient(app, client.session).post(`/api/v1/portal/notifications/${randomUUID()}/read`), 404);
    expectProblem(await as(app, therapist).get('/api/v1/portal/notifications'), 401);
    expectProblem(await as(app, therapist).post(`/api/v1/portal/notifications/${theirs.notificationId}/read`), 401);
    const badFilter = await asClient(app, client.session).get('/api/v1/portal/notifications?unread=maybe');
    expectProblem(badFilter, 400);
    expect(fields(badFilter)).toEqual(['unread']);
    const badPage = await asClient(app, client.session).get('/api/v1/portal/notifications?pageSize=0');
    expectProblem(badPage, 400);
    expect(fields(badPage)).toEqual(['pageSize']);
  });

  it('writes nothing when the use case is refused: the notification commits with its record or not at all', async () => {
    const before = (await feed(otherClient)).total;
    const appointmentId = await completedAppointment(otherClient.patientId);
    const first = await as(app, therapist)
      .post(`/api/v1/patients/${otherClient.patientId}/session-summaries`)
      .send({ appointmentId, summary: 'First.' });
    expect(first.status).toBe(201);
    expectProblem(
      await as(app, therapist)
        .post(`/api/v1/patients/${otherClient.patientId}/session-summaries`)
        .send({ appointmentId, summary: 'Again.' }),
      409,
    );
    // Another therapist (not the client's) is refused before anything is written.
    expectProblem(
      await as(app, otherTherapist)
        .post(`/api/v1/patients/${otherClient.patientId}/homework`)
        .send({ title: 'x', description: 'y', homeworkType: 'journaling', dueOn: inDays(3) }),
      404,
    );
    const after = await feed(otherClient);
    expect(after.total).toBe(before + 1);
    expect(after.items[0]).toMatchObject({ kind: 'session_summary.shared', recordId: first.body.summaryId });
  });

  it("tells the client of the clinic's decision on a change of therapist, approved or denied", async () => {
    const deny = await asClient(app, otherClient.session)
      .post('/api/v1/portal/change-requests')
      .send({ reason: 'Schedules.', sensitive: false });
    expect(deny.status).toBe(201);
    expect((await as(app, admin).post(`/api/v1/admin/portal/change-requests/${deny.body.changeRequestId}/review`)).status).toBe(200);
    const denied = await as(app, admin)
      .post(`/api/v1/admin/portal/change-requests/${deny.body.changeRequestId}/deny`)
      .send({ reason: 'We can offer other times.' });
    expect(denied.status).toBe(200);
    expect((await feed(otherClient)).items[0]).toMatchObject({
      kind: 'change_request.denied',
      recordKind: 'change_request',
      recordId: deny.body.changeRequestId,
    });

    const approve = await asClient(app, otherClient.session)
      .post('/api/v1/portal/change-requests')
      .send({ reason: 'Again.', sensitive: true });
    expect(approve.status).toBe(201);
    expect((await as(app, admin).post(`/api/v1/admin/portal/change-requests/${approve.body.changeRequestId}/review`)).status).toBe(200);
    const approved = await as(app, admin)
      .post(`/api/v1/admin/portal/change-requests/${approve.body.changeRequestId}/approve`)
      .send({ newTherapistId: otherTherapistId });
    expect(approved.status).toBe(200);
    const latest = (await feed(otherClient)).items[0]!;
    expect(latest).toMatchObject({ kind: 'change_request.approved', recordId: approve.body.changeRequestId });
    expect(latest.message).not.toContain('Schedules');
  });
});
