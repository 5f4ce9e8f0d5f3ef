import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';

import { bootApi, redisFlushLoginCounters } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { asClient, onboardClient, OnboardedClient } from './support/portal-api';
import { executeQueryAs } from './support/portal-bus';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// Seed scenario 2 (homework assignment flow) and the homework state machine: assigned -> completed -> reviewed, or
// assigned -> cancelled; every other move is a 409 that changes nothing.

let app: INestApplication;
const demo = new DemoFixture();
let therapist: StaffSession;
let otherTherapist: StaffSession;
let clients: OnboardedClient[];
// Cascade's therapists: Sonoran's few primary patients are left to the other portal test files.
const THERAPIST = 'clinician.salem@cascade.cairn.test';

const inDays = (n: number) => new Date(Date.now() + n * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const count = async (sql: string, params: unknown[]) => Number((await demo.owner.query<{ n: string }>(sql, params)).rows[0]!.n);
const homework = {
  title: 'Thought Record Exercise',
  description: 'Complete a thought record for 3 situations this week',
  homeworkType: 'thought_record',
};

async function assign(patientId: string, body: object = { ...homework, dueOn: inDays(7) }) {
  const res = await as(app, therapist).post(`/api/v1/patients/${patientId}/homework`).send(body);
  expect(res.status).toBe(201);
  return res.body as { homeworkId: string; status: string };
}

const WORKSHEET = Buffer.from('%PDF-1.4\n% a thought record\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function uploadAsClient(client: OnboardedClient, content: Buffer, name: string, shared = 'true') {
  return request(app.getHttpServer())
    .post('/api/v1/portal/files')
    .set('Authorization', `Bearer ${client.session.accessToken}`)
    .field('sharedWithClinician', shared)
    .attach('file', content, name);
}

beforeAll(async () => {
  app = await bootApi();
  await redisFlushLoginCounters();
  therapist = await login(app, THERAPIST);
  otherTherapist = await login(app, 'clinician@cascade.cairn.test');
  const patients = await demo.primaryPatientsOf(THERAPIST, 3, { withoutPortalAccount: true });
  expect(patients).toHaveLength(3);
  clients = [];
  for (const p of patients) clients.push(await onboardClient(app, therapist, p));
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('scenario 2: homework assignment flow', () => {
  it('the therapist assigns, the client sees and completes it, the therapist is notified and reviews, the client sees the feedback', async () => {
    const client = clients[0]!;
    const p = client.patientId;
    // 1-2: the therapist assigns homework.
    const dueOn = inDays(7);
    const assigned = await as(app, therapist)
      .post(`/api/v1/patients/${p}/homework`)
      .send({ ...homework, dueOn });
    expect(assigned.status).toBe(201);
    expect(assigned.body).toMatchObject({ ...homework, patientId: p, dueOn, status: 'assigned', overdue: false, feedback: null });
    const id = assigned.body.homeworkId as string;

    // 3: the client sees it on the dashboard and in the homework list, with its due date.
    const dashboard = await asClient(app, client.session).get('/api/v1/portal/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.sections.homework.due).toEqual([expect.objectContaining({ homeworkId: id, dueOn, status: 'assigned' })]);
    const mine = await asClient(app, client.session).get('/api/v1/portal/homework');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ homeworkId: id, dueOn, status: 'assigned' })]);

    // 4: the client uploads the worksheet (private at upload) and completes the homework with it.
    const upload = await uploadAsClient(client, WORKSHEET, 'worksheet.pdf', 'false');
    expect(upload.status).toBe(201);
    const fileId = upload.body.fileId as string;
    const done = await asClient(app, client.session)
      .post(`/api/v1/portal/homework/${id}/complete`)
      .send({ note: 'Did two of three', fileId });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      completionNote: 'Did two of three',
      completedAt: expect.any(String),
      submissionFileId: fileId,
    });
    // 5: the therapist gets a notification (same transaction), and may download the worksheet: handing it in shared it.
    const file = await demo.owner.query('SELECT owner_kind, owner_id, shared_with_clinician FROM po_files WHERE id = $1', [fileId]);
    expect(file.rows[0]).toEqual({ owner_kind: 'homework_submission', owner_id: id, shared_with_clinician: true });
    const download = await as(app, therapist).get(`/api/v1/patients/${p}/portal-files/${fileId}`).buffer(true);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toMatch(/application\/pdf/);
    expect(
      await count(`SELECT count(*) AS n FROM po_notifications WHERE patient_id = $1 AND kind = 'homework.completed' AND record_id = $2`, [
        p,
        id,
      ]),
    ).toBe(1);

    const feed = await as(app, therapist).get('/api/v1/therapist/portal-notifications?unread=true&pageSize=100');
    expect(feed.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ patientId: p, kind: 'homework.completed', recordKind: 'homework', recordId: id })]),
    );

    // The therapist's portal-activity tab shows it awaiting review.
    const activity = await as(app, therapist).get(`/api/v1/patients/${p}/portal-activity`);
    expect(activity.body.sections.homework).toMatchObject({
      awaitingReview: 1,
      recentlyCompleted: [expect.objectContaining({ homeworkId: id })],
    });

    // 6-7: the therapist reviews it in the chart and adds feedback.
    const list = await as(app, therapist).get(`/api/v1/patients/${p}/homework?status=completed`);
    expect(list.body.items.map((h: { homeworkId: string }) => h.homeworkId)).toEqual([id]);
    const reviewed = await as(app, therapist)
      .post(`/api/v1/patients/${p}/homework/${id}/review`)
      .send({ feedback: 'Great noticing of the pattern.' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ status: 'reviewed', feedback: 'Great noticing of the pattern.', reviewedAt: expect.any(String) });

    // 8: the client sees the feedback.
    const after = await asClient(app, client.session).get('/api/v1/portal/homework');
    expect(after.body.items[0]).toMatchObject({ homeworkId: id, status: 'reviewed', feedback: 'Great noticing of the pattern.' });

    // Each step is audited, as the client's or the staff member's.
    const audit = await demo.auditEvents(`resource_type = 'homework' AND patient_id = $1`, [p]);
    const byAction = Object.fromEntries(audit.map((a) => [a['action'], a['actor_type']]));
    expect(byAction).toMatchObject({
      'portal.homework.assign': 'staff',
      'portal.homework.list': expect.any(String),
      'portal.homework.complete': 'client',
      'portal.homework.review': 'staff',
    });
  });
});

describe('homework states', () => {
  it.each([
    ['complete twice', ['complete', 'complete']],
    ['review before completion', ['review']],
    ['review twice', ['complete', 'review', 'review']],
    ['cancel after completion', ['complete', 'cancel']],
    ['complete after cancellation', ['cancel', 'complete']],
    ['cancel twice', ['cancel', 'cancel']],
  ])('refuses to %s with 409, changing nothing', async (_name, steps) => {
    const client = clients[1]!;
    const p = client.patientId;
    const { homeworkId: id } = await assign(p);
    const act = (step: string) =>
      step === 'complete'
        ? asClient(app, client.session).post(`/api/v1/portal/homework/${id}/complete`).send({})
        : step === 'review'
          ? as(app, therapist).post(`/api/v1/patients/${p}/homework/${id}/review`).send({ feedback: 'ok' })
          : as(app, therapist).post(`/api/v1/patients/${p}/homework/${id}/cancel`);
    for (const step of steps.slice(0, -1)) expect((await act(step)).status).toBe(200);
    const before = (await demo.owner.query('SELECT * FROM po_homework WHERE id = $1', [id])).rows[0];
    const refused = await act(steps[steps.length - 1]!);
    expectProblem(refused, 409);
    expect((await demo.owner.query('SELECT * FROM po_homework WHERE id = $1', [id])).rows[0]).toEqual(before);
    // The refusal is audited (denied), not lost.
    const denied = await demo.auditEvents(`resource_type = 'homework' AND resource_id = $1 AND outcome = 'denied'`, [id]);
    expect(denied).toHaveLength(1);
  });

  it('marks assigned homework past its due day as overdue', async () => {
    const p = clients[1]!.patientId;
    const { homeworkId: id } = await assign(p);
    await demo.owner.query(`UPDATE po_homework SET due_on = current_date - 3 WHERE id = $1`, [id]);
    const list = await as(app, therapist).get(`/api/v1/patients/${p}/homework?status=assigned&pageSize=100`);
    expect(list.body.items.find((h: { homeworkId: string }) => h.homeworkId === id)).toMatchObject({ overdue: true });
  });

  it('keeps the client to completing: the database refuses a portal transaction that writes feedback or reviews', async () => {
    const client = clients[1]!;
    const { homeworkId: id } = await assign(client.patientId);
    const org = (await demo.owner.query('SELECT organization_id FROM po_homework WHERE id = $1', [id])).rows[0].organization_id as string;
    // As the app role, in the client's own portal context, as libs/platform/db sets it.
    const appPool = new Pool({ connectionString: process.env['DATABASE_URL'], max: 1 });
    const db = await appPool.connect();
    try {
      await db.query('BEGIN');
      await db.query(
        `SELECT set_config('app.org_id', $1, true), set_config('app.user_id', $2, true), set_config('app.site_ids', '', true),
                set_config('app.patient_scope', 'portal', true)`,
        [org, client.accountId],
      );
      // The client's own policy lets the row through (so the guard, not the policy, is what refuses).
      expect((await db.query('SELECT id FROM po_homework WHERE id = $1', [id])).rows).toHaveLength(1);
      await expect(db.query(`UPDATE po_homework SET feedback = 'self-praise', status = 'reviewed' WHERE id = $1`, [id])).rejects.toThrow(
        /only complete an assigned homework/,
      );
      await db.query('ROLLBACK');
    } finally {
      db.release();
      await appPool.end();
    }
  });
});

describe('the homework section of a portal overview', () => {
  it('counts each state, lists what is due soonest first, and answers null to another therapist', async () => {
    const client = clients[0]!;
    const p = client.patientId;
    const organizationId = await demo.orgId('cascade');
    const tenantOf = async (email: string) =>
      ({ organizationId, userId: await demo.userId(email), siteIds: 'all', patientScope: 'assigned' }) as const;
    const before = await executeQueryAs<{ assigned: number; awaitingReview: number }>(
      app,
      await tenantOf(THERAPIST),
      'GetHomeworkSectionQuery',
      p,
    );
    const late = await assign(p, { ...homework, dueOn: inDays(1) });
    const soon = await assign(p, { ...homework, dueOn: inDays(0) });
    await demo.owner.query(`UPDATE po_homework SET due_on = current_date - 2 WHERE id = $1`, [late.homeworkId]);
    const done = await assign(p);
    expect((await asClient(app, client.session).post(`/api/v1/portal/homework/${done.homeworkId}/complete`).send({})).status).toBe(200);
    const section = await executeQueryAs<{
      assigned: number;
      overdue: number;
      awaitingReview: number;
      due: { homeworkId: string }[];
      recentlyCompleted: { homeworkId: string }[];
    }>(app, await tenantOf(THERAPIST), 'GetHomeworkSectionQuery', p);
    expect(section.assigned).toBe(before.assigned + 2);
    expect(section.awaitingReview).toBe(before.awaitingReview + 1);
    expect(section.overdue).toBeGreaterThanOrEqual(1);
    expect(section.due.slice(0, 2).map((h) => h.homeworkId)).toEqual(expect.arrayContaining([late.homeworkId]));
    expect(section.due.findIndex((h) => h.homeworkId === late.homeworkId)).toBeLessThan(
      section.due.findIndex((h) => h.homeworkId === soon.homeworkId),
    );
    expect(section.recentlyCompleted[0]!.homeworkId).toBe(done.homeworkId);
    expect(await executeQueryAs(app, await tenantOf('clinician@cascade.cairn.test'), 'GetHomeworkSectionQuery', p)).toBeNull();
  });
});

describe('bad input and scope', () => {
  it('refuses wrong types, unknown types, past due dates and oversized text with 400 naming the field, writing nothing', async () => {
    const p = clients[2]!.patientId;
    const before = await count('SELECT count(*) AS n FROM po_homework WHERE patient_id = $1', [p]);
    const cases: [object, string][] = [
      [{ ...homework, dueOn: inDays(7), title: 42 }, 'title'],
      [{ ...homework, dueOn: inDays(7), title: '' }, 'title'],
      [{ ...homework, dueOn: inDays(7), description: 'x'.repeat(4001) }, 'description'],
      [{ ...homework, dueOn: inDays(7), homeworkType: 'astrology' }, 'homeworkType'],
      [{ ...homework, dueOn: '2026-02-30' }, 'dueOn'],
      [{ ...homework, dueOn: inDays(-2) }, 'dueOn'],
      [{ ...homework }, 'dueOn'],
      [{ ...homework, dueOn: inDays(7), status: 'reviewed' }, 'status'],
    ];
    for (const [body, field] of cases) {
      const res = await as(app, therapist).post(`/api/v1/patients/${p}/homework`).send(body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const { homeworkId: id } = await assign(p);
    const badNote = await asClient(app, clients[2]!.session)
      .post(`/api/v1/portal/homework/${id}/complete`)
      .send({ note: ['x'] });
    expectProblem(badNote, 400);
    const badFeedback = await as(app, therapist).post(`/api/v1/patients/${p}/homework/${id}/review`).send({ feedback: 7 });
    expectProblem(badFeedback, 400);
    expect(await count('SELECT count(*) AS n FROM po_homework WHERE patient_id = $1', [p])).toBe(before + 1);
    expect((await demo.owner.query('SELECT status FROM po_homework WHERE id = $1', [id])).rows[0].status).toBe('assigned');
  });

  it("refuses a worksheet that is another client's file, one already handed in, or a disguised executable, and completes nothing", async () => {
    const [a, b] = [clients[0]!, clients[2]!];
    const { homeworkId: id } = await assign(a.patientId);
    const ofB = (await uploadAsClient(b, WORKSHEET, 'b.pdf')).body.fileId as string;
    const res = await asClient(app, a.session).post(`/api/v1/portal/homework/${id}/complete`).send({ fileId: ofB });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['fileId']);
    const mine = (await uploadAsClient(a, WORKSHEET, 'a.pdf')).body.fileId as string;
    const { homeworkId: first } = await assign(a.patientId);
    expect((await asClient(app, a.session).post(`/api/v1/portal/homework/${first}/complete`).send({ fileId: mine })).status).toBe(200);
    const reused = await asClient(app, a.session).post(`/api/v1/portal/homework/${id}/complete`).send({ fileId: mine });
    expectProblem(reused, 400);
    expectProblem(await asClient(app, a.session).post(`/api/v1/portal/homework/${id}/complete`).send({ fileId: 'worksheet.pdf' }), 400);
    // An executable named like a PDF never becomes a file to hand in.
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const disguised = await uploadAsClient(a, exe, 'worksheet.pdf');
    expect(disguised.status).toBeGreaterThanOrEqual(400);
    expect(disguised.status).toBeLessThan(500);
    expect((await demo.owner.query('SELECT status, submission_file_id FROM po_homework WHERE id = $1', [id])).rows[0]).toEqual({
      status: 'assigned',
      submission_file_id: null,
    });
    expect((await demo.owner.query('SELECT owner_kind FROM po_files WHERE id = $1', [ofB])).rows[0].owner_kind).toBe('unattached');
  });

  it("answers 404 for another client's homework and for another therapist's client, and writes nothing", async () => {
    const [a, b] = [clients[0]!, clients[2]!];
    const { homeworkId: ofB } = await assign(b.patientId);
    // Client A cannot complete client B's homework.
    expectProblem(await asClient(app, a.session).post(`/api/v1/portal/homework/${ofB}/complete`).send({}), 404);
    // Staff cannot reach B's homework through A's path.
    expectProblem(await as(app, therapist).post(`/api/v1/patients/${a.patientId}/homework/${ofB}/cancel`), 404);
    // Another therapist neither assigns to nor reads this therapist's client.
    const before = await count('SELECT count(*) AS n FROM po_homework WHERE patient_id = $1', [b.patientId]);
    expectProblem(
      await as(app, otherTherapist)
        .post(`/api/v1/patients/${b.patientId}/homework`)
        .send({ ...homework, dueOn: inDays(3) }),
      404,
    );
    expectProblem(await as(app, otherTherapist).get(`/api/v1/patients/${b.patientId}/homework`), 404);
    expectProblem(
      await as(app, otherTherapist).post(`/api/v1/patients/${b.patientId}/homework/${ofB}/review`).send({ feedback: 'x' }),
      404,
    );
    expectProblem(
      await as(app, therapist)
        .post(`/api/v1/patients/${randomUUID()}/homework`)
        .send({ ...homework, dueOn: inDays(3) }),
      404,
    );
    expect(await count('SELECT count(*) AS n FROM po_homework WHERE patient_id = $1', [b.patientId])).toBe(before);
    expect((await demo.owner.query('SELECT status FROM po_homework WHERE id = $1', [ofB])).rows[0].status).toBe('assigned');
  });
});
