import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { bootApi, redisFlushLoginCounters } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { asClient, onboardClient, OnboardedClient } from './support/portal-api';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// The portal's daily loop through the real API (issue 18 items 3-4): seed scenario 1 as a named test, the sharing
// rules of seed §6 (mood shared by default, journal private by default), the clinician's notifications (list,
// read/unread, Server-Sent Events), files checked by their bytes, and bad input that writes nothing.

let app: INestApplication;
const demo = new DemoFixture();
let admin: StaffSession;
let therapist: StaffSession;
let otherTherapist: StaffSession;
let client: OnboardedClient;
let otherClient: OnboardedClient;
const count = async (table: string, patientId: string) =>
  Number((await demo.owner.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE patient_id = $1`, [patientId])).rows[0]!.n);

beforeAll(async () => {
  app = await bootApi();
  await redisFlushLoginCounters();
  admin = await login(app, 'admin@sonoran.cairn.test');
  therapist = await login(app, 'clinician@sonoran.cairn.test');
  otherTherapist = await login(app, 'clinician.tucson@sonoran.cairn.test');
  // Two patients of their own, handed over to the demo clinician as primary therapist today (the demo clinician's
  // own caseload is small and the demo portal accounts use part of it).
  const [mine, mine2] = await demo.activePatients('sonoran', 2, { withoutPortalAccount: true });
  const clinicianId = await demo.userId('clinician@sonoran.cairn.test');
  for (const p of [mine!, mine2!]) {
    await demo.owner.query(
      `UPDATE cl_care_team_assignments SET ended_on = current_date - 1
       WHERE patient_id = $1 AND role = 'primary_therapist' AND started_on < current_date AND (ended_on IS NULL OR ended_on >= current_date)`,
      [p],
    );
    await demo.owner.query(
      `INSERT INTO cl_care_team_assignments (organization_id, id, patient_id, staff_user_id, role, started_on)
       SELECT organization_id, gen_random_uuid(), id, $2, 'primary_therapist', current_date FROM cl_patients WHERE id = $1`,
      [p, clinicianId],
    );
  }
  client = await onboardClient(app, admin, mine!);
  otherClient = await onboardClient(app, admin, mine2!);
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('seed scenario 1: the daily check-in flow', () => {
  it('client logs 3/10 with anxiety and insomnia; the therapist sees the drop, sends a check-in, the client answers, the therapist reviews it', async () => {
    // 1-2. The client logs a low mood.
    const logged = await asClient(app, client.session)
      .post('/api/v1/portal/mood-entries')
      .send({ score: 3, symptoms: ['ANXIETY', 'INSOMNIA'] });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({
      patientId: client.patientId,
      score: 3,
      symptoms: ['ANXIETY', 'INSOMNIA'],
      sharedWithClinician: true,
    });
    // Dated by the organization's calendar day, not UTC's (they differ for hours every night).
    const { timezone } = (
      await demo.owner.query<{ timezone: string }>(
        `SELECT o.timezone FROM pf_organizations o JOIN cl_patients p ON p.organization_id = o.id WHERE p.id = $1`,
        [client.patientId],
      )
    ).rows[0]!;
    expect(logged.body.entryDate).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date()));
    // 3. The therapist sees it in the chart's trend and in the notifications.
    const trend = await as(app, therapist).get(`/api/v1/patients/${client.patientId}/mood-trends`);
    expect(trend.status).toBe(200);
    expect(trend.body).toMatchObject({ patientId: client.patientId, latestScore: 3, attendance: expect.any(Object) });
    expect(trend.body.topSymptoms).toEqual(expect.arrayContaining([{ symptom: 'ANXIETY', count: expect.any(Number) }]));
    const feed = await as(app, therapist).get('/api/v1/therapist/portal-notifications?unread=true');
    expect(feed.status).toBe(200);
    const low = feed.body.items.find((n: { recordId: string }) => n.recordId === logged.body.moodEntryId);
    expect(low).toMatchObject({ kind: 'mood_entry.low_score', patientId: client.patientId, readAt: null });
    // 4. The therapist sends a scheduled check-in.
    const checkIn = await as(app, therapist)
      .post(`/api/v1/patients/${client.patientId}/portal-prompts`)
      .send({ kind: 'check_in', question: 'How did you sleep since you logged your mood?' });
    expect(checkIn.status).toBe(201);
    // 5. The client sees it and answers, once.
    const open = await asClient(app, client.session).get('/api/v1/portal/prompts');
    expect(open.body.map((p: { promptId: string }) => p.promptId)).toContain(checkIn.body.promptId);
    const answer = await asClient(app, client.session)
      .post(`/api/v1/portal/prompts/${checkIn.body.promptId}/responses`)
      .send({ body: 'Three hours a night.' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ open: false, closedAt: expect.any(String), responses: [{ body: 'Three hours a night.' }] });
    expectProblem(
      await asClient(app, client.session).post(`/api/v1/portal/prompts/${checkIn.body.promptId}/responses`).send({ body: 'again' }),
      409,
    );
    // 6. The therapist reviews the response before the next session.
    const reviewed = await as(app, therapist).get(`/api/v1/patients/${client.patientId}/portal-prompts`);
    expect(reviewed.body.find((p: { promptId: string }) => p.promptId === checkIn.body.promptId).responses).toEqual([
      expect.objectContaining({ body: 'Three hours a night.' }),
    ]);
    const answered = (await as(app, therapist).get('/api/v1/therapist/portal-notifications')).body.items.find(
      (n: { recordId: string; kind: string }) => n.recordId === checkIn.body.promptId,
    );
    expect(answered.kind).toBe('check_in.answered');
    const marked = await as(app, therapist)
      .post(`/api/v1/therapist/portal-notifications/${answered.notificationId}/read`)
      .send({ read: true });
    expect(marked.status).toBe(200);
    expect(marked.body.readAt).toEqual(expect.any(String));
    // Every step is in the one audit chain, the client's as a client.
    const rows = await demo.auditEvents(`patient_id = $1 AND action LIKE 'portal.%'`, [client.patientId]);
    expect(rows.filter((r) => r['actor_type'] === 'client').map((r) => r['action'])).toEqual(
      expect.arrayContaining(['portal.mood-entry.create', 'portal.prompt.answer']),
    );
    expect(rows.filter((r) => r['actor_type'] === 'staff').map((r) => r['action'])).toEqual(
      expect.arrayContaining(['portal.mood-trend.read', 'portal.prompt.create']),
    );
  });
});

describe('sharing (seed §6)', () => {
  it('keeps an unshared mood entry from the therapist until the client shares it; a portal admin sees it throughout', async () => {
    const hidden = await asClient(app, client.session)
      .post('/api/v1/portal/mood-entries')
      .send({ score: 9, symptoms: [], sharedWithClinician: false });
    expect(hidden.status).toBe(201);
    const ids = async (who: StaffSession) =>
      (
        (await as(app, who).get(`/api/v1/patients/${client.patientId}/mood-entries?pageSize=100`)).body.items as { moodEntryId: string }[]
      ).map((e) => e.moodEntryId);
    expect(await ids(therapist)).not.toContain(hidden.body.moodEntryId);
    expect(await ids(admin)).toContain(hidden.body.moodEntryId);
    const shared = await asClient(app, client.session)
      .patch(`/api/v1/portal/mood-entries/${hidden.body.moodEntryId}`)
      .send({ sharedWithClinician: true });
    expect(shared.status).toBe(200);
    expect(await ids(therapist)).toContain(hidden.body.moodEntryId);
  });

  it('keeps journal entries private by default, and shows one only once the client shares it', async () => {
    const entry = await asClient(app, client.session)
      .post('/api/v1/portal/journal-entries')
      .send({ title: 'Tuesday', body: 'A hard day at work.' });
    expect(entry.status).toBe(201);
    const [row] = await demo.auditEvents(`action = 'portal.journal-entry.create' AND request_id = $1`, [entry.headers['x-request-id']]);
    expect(row).toMatchObject({ actor_type: 'client', actor_user_id: client.accountId, patient_id: client.patientId, outcome: 'success' });
    expect(entry.body.sharedWithClinician).toBe(false);
    const seen = async () =>
      (
        (await as(app, therapist).get(`/api/v1/patients/${client.patientId}/journal-entries`)).body.items as { journalEntryId: string }[]
      ).map((e) => e.journalEntryId);
    expect(await seen()).not.toContain(entry.body.journalEntryId);
    expect(
      (
        await asClient(app, client.session)
          .patch(`/api/v1/portal/journal-entries/${entry.body.journalEntryId}`)
          .send({ sharedWithClinician: true })
      ).status,
    ).toBe(200);
    expect(await seen()).toContain(entry.body.journalEntryId);
  });

  it("answers 404 to a therapist who is not the patient's primary therapist, and to a client naming another client's record", async () => {
    expectProblem(await as(app, otherTherapist).get(`/api/v1/patients/${client.patientId}/mood-trends`), 404);
    expectProblem(
      await as(app, otherTherapist).post(`/api/v1/patients/${client.patientId}/portal-prompts`).send({ kind: 'check_in', question: 'Hi?' }),
      404,
    );
    const theirs = await asClient(app, otherClient.session).post('/api/v1/portal/mood-entries').send({ score: 6, symptoms: [] });
    const hijack = await asClient(app, client.session)
      .patch(`/api/v1/portal/mood-entries/${theirs.body.moodEntryId}`)
      .send({ sharedWithClinician: false });
    expectProblem(hijack, 404);
    const row = await demo.owner.query('SELECT shared_with_clinician FROM po_mood_entries WHERE id = $1', [theirs.body.moodEntryId]);
    expect(row.rows[0].shared_with_clinician).toBe(true);
  });
});

describe('bad input writes nothing', () => {
  it.each([
    ['a score above 10', { score: 11, symptoms: [] }, 'score'],
    ['a score as a string', { score: '5', symptoms: [] }, 'score'],
    ['a fractional score', { score: 4.5, symptoms: [] }, 'score'],
    ['a symptom outside the vocabulary', { score: 5, symptoms: ['HAPPY'] }, 'symptoms'],
    ['symptoms that are not a list', { score: 5, symptoms: 'ANXIETY' }, 'symptoms'],
    ['a sharing flag that is not a boolean', { score: 5, symptoms: [], sharedWithClinician: 'yes' }, 'sharedWithClinician'],
  ])('refuses %s with 400 naming the field', async (_what, body, field) => {
    const before = await count('po_mood_entries', client.patientId);
    const res = await asClient(app, client.session).post('/api/v1/portal/mood-entries').send(body);
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await count('po_mood_entries', client.patientId)).toBe(before);
  });

  it('refuses a prompt of an unknown kind and a malformed date, and a check-in with a last day', async () => {
    const before = await count('po_prompts', client.patientId);
    for (const body of [
      { kind: 'survey', question: 'Q?' },
      { kind: 'daily_prompt', question: 'Q?', endsOn: '2026-13-40' },
      { kind: 'check_in', question: 'Q?', endsOn: '2099-01-01' },
      { kind: 'daily_prompt', question: '' },
    ]) {
      expectProblem(await as(app, therapist).post(`/api/v1/patients/${client.patientId}/portal-prompts`).send(body), 400);
    }
    expect(await count('po_prompts', client.patientId)).toBe(before);
  });
});

describe('files', () => {
  const pdf = Buffer.from('%PDF-1.4\n% thought record\n');

  it('stores an upload with the type its bytes say, and audits a download', async () => {
    const up = await asClient(app, client.session)
      .post('/api/v1/portal/files')
      .attach('file', pdf, { filename: 'thought-record.txt', contentType: 'text/plain' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      contentType: 'application/pdf',
      byteSize: pdf.length,
      fileName: 'thought-record.txt',
      createdByKind: 'client',
    });
    const down = await as(app, therapist)
      .get(`/api/v1/patients/${client.patientId}/portal-files/${up.body.fileId}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(down.status).toBe(200);
    expect(down.headers['content-type']).toMatch(/^application\/pdf/);
    expect(Buffer.compare(down.body as Buffer, pdf)).toBe(0);
    const [row] = await demo.auditEvents(`action = 'portal.file.download' AND request_id = $1`, [down.headers['x-request-id']]);
    expect(row).toMatchObject({ outcome: 'success', patient_id: client.patientId, resource_id: up.body.fileId, actor_type: 'staff' });
    expectProblem(await as(app, otherTherapist).get(`/api/v1/patients/${client.patientId}/portal-files/${up.body.fileId}`), 404);
    expectProblem(await asClient(app, otherClient.session).get(`/api/v1/portal/files/${up.body.fileId}`), 404);
  });

  it('refuses a disguised file, an empty one and an oversized one, and stores nothing', async () => {
    const before = await count('po_files', client.patientId);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const disguised = await asClient(app, client.session)
      .post('/api/v1/portal/files')
      .attach('file', exe, { filename: 'worksheet.pdf', contentType: 'application/pdf' });
    expectProblem(disguised, 400);
    expect(disguised.body.errors).toEqual([{ field: 'file', message: expect.stringContaining('not one of the accepted types') }]);
    expectProblem(await asClient(app, client.session).post('/api/v1/portal/files').field('sharedWithClinician', 'true'), 400);
    const big = Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024 + 16, 0x20)]);
    const oversized = await asClient(app, client.session).post('/api/v1/portal/files').attach('file', big, { filename: 'big.pdf' });
    expect(oversized.status).toBe(413);
    expect(await count('po_files', client.patientId)).toBe(before);
  });

  it('refuses multipart bodies on every other route with 415', async () => {
    const res = await asClient(app, client.session).post('/api/v1/portal/mood-entries').attach('file', pdf, { filename: 'x.pdf' });
    expectProblem(res, 415);
  });
});

describe('live notifications (Server-Sent Events)', () => {
  it("delivers a client's new activity to the therapist's open stream, and nothing of another therapist's clients", async () => {
    const server = app.getHttpServer();
    if (!server.listening) await new Promise<void>((r) => server.listen(0, r));
    const { port } = server.address() as AddressInfo;
    const open = (who: StaffSession) => {
      const abort = new AbortController();
      const received: string[] = [];
      const done = fetch(`http://127.0.0.1:${port}/api/v1/therapist/portal-notifications/stream`, {
        headers: { authorization: `Bearer ${who.accessToken}`, accept: 'text/event-stream' },
        signal: abort.signal,
      })
        .then(async (res) => {
          expect(res.status).toBe(200);
          const reader = res.body!.getReader();
          for (;;) {
            const { value, done: end } = await reader.read();
            if (end) break;
            received.push(Buffer.from(value).toString('utf8'));
          }
        })
        .catch(() => undefined);
      return { received, close: () => abort.abort(), done };
    };
    const mine = open(therapist);
    const theirs = open(otherTherapist);
    await new Promise((r) => setTimeout(r, 500));
    const entry = await asClient(app, client.session)
      .post('/api/v1/portal/mood-entries')
      .send({ score: 7, symptoms: ['FATIGUE'] });
    expect(entry.status).toBe(201);
    const deadline = Date.now() + 5000;
    while (!mine.received.join('').includes(entry.body.moodEntryId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    mine.close();
    theirs.close();
    await Promise.all([mine.done, theirs.done]);
    expect(mine.received.join('')).toContain('event: portal-notification');
    expect(mine.received.join('')).toContain(entry.body.moodEntryId);
    expect(theirs.received.join('')).not.toContain(entry.body.moodEntryId);
  });
});

void randomUUID;
void request;

describe('dashboard, upcoming appointments and the portal-activity tab', () => {
  it("shows the client its dashboard and PM's upcoming appointments, and the therapist the activity tab; others get 404", async () => {
    const dash = await asClient(app, client.session).get('/api/v1/portal/dashboard');
    expect(dash.status).toBe(200);
    expect(dash.body.sections).toEqual(
      expect.objectContaining({ mood: expect.any(Object), journal: expect.any(Object), prompts: expect.any(Object) }),
    );
    expect(dash.body.sections.notifications).toBeUndefined();
    const upcoming = await asClient(app, client.session).get('/api/v1/portal/appointments/upcoming');
    expect(upcoming.status).toBe(200);
    // Audited twice in the one chain: the portal's read ('portal.appointments.upcoming') and PM's answer on the bus.
    const rows = await demo.auditEvents(`request_id = $1`, [upcoming.headers['x-request-id']]);
    expect(rows.map((r) => r['action']).sort()).toEqual(['appointment.list-for-patient', 'portal.appointments.upcoming']);
    expect(rows.every((r) => r['actor_type'] === 'client')).toBe(true);
    const own = await demo.owner.query<{ n: string }>(
      `SELECT count(*) AS n FROM pm_appointments WHERE patient_id = $1 AND status IN ('scheduled', 'checked_in') AND end_at > now() AND start_at < now() + interval '90 days'`,
      [client.patientId],
    );
    expect(upcoming.body).toHaveLength(Math.min(Number(own.rows[0]!.n), 10));
    for (const a of upcoming.body as { appointmentId: string }[]) {
      const row = await demo.owner.query('SELECT patient_id FROM pm_appointments WHERE id = $1', [a.appointmentId]);
      expect(row.rows[0].patient_id).toBe(client.patientId);
    }
    const tab = await as(app, therapist).get(`/api/v1/patients/${client.patientId}/portal-activity`);
    expect(tab.status).toBe(200);
    expect(tab.body.sections).toEqual(expect.objectContaining({ mood: expect.any(Object), notifications: { unread: expect.any(Number) } }));
    expectProblem(await as(app, otherTherapist).get(`/api/v1/patients/${client.patientId}/portal-activity`), 404);
  });
});
