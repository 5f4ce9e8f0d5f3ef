import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { bootApi, redisFlushLoginCounters } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { asClient, onboardClient, OnboardedClient } from './support/portal-api';
import { executeQueryAs } from './support/portal-bus';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// Therapeutic goals created together (either side creates, both see, progress kept as history) and resources the
// therapist recommends ("Recommended by your therapist": https links and uploaded files).

let app: INestApplication;
const demo = new DemoFixture();
let therapist: StaffSession;
let otherTherapist: StaffSession;
let admin: StaffSession;
let clients: OnboardedClient[];
// Cascade's therapists: Sonoran's few primary patients are left to the other portal test files.
const THERAPIST = 'clinician@cascade.cairn.test';

const count = async (sql: string, params: unknown[]) => Number((await demo.owner.query<{ n: string }>(sql, params)).rows[0]!.n);
const HANDOUT = Buffer.from('%PDF-1.4\n% sleep hygiene handout\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
  app = await bootApi();
  await redisFlushLoginCounters();
  therapist = await login(app, THERAPIST);
  otherTherapist = await login(app, 'clinician.salem@cascade.cairn.test');
  admin = await login(app, 'admin@cascade.cairn.test');
  const patients = await demo.primaryPatientsOf(THERAPIST, 3, { withoutPortalAccount: true });
  expect(patients).toHaveLength(3);
  clients = [];
  for (const p of patients) clients.push(await onboardClient(app, therapist, p));
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('therapeutic goals, created together', () => {
  it('the therapist and the client each create goals, both see them, and both record progress kept as history', async () => {
    const client = clients[0]!;
    const p = client.patientId;
    const byTherapist = await as(app, therapist)
      .post(`/api/v1/patients/${p}/goals`)
      .send({ title: 'Sleep 7 hours on most nights', targetDate: '2027-03-01' });
    expect(byTherapist.status).toBe(201);
    expect(byTherapist.body).toMatchObject({
      title: 'Sleep 7 hours on most nights',
      targetDate: '2027-03-01',
      status: 'active',
      progress: 0,
      createdByKind: 'staff',
    });
    const byClient = await asClient(app, client.session)
      .post('/api/v1/portal/goals')
      .send({ title: 'Walk after lunch', description: 'Three times a week' });
    expect(byClient.status).toBe(201);
    expect(byClient.body).toMatchObject({
      createdByKind: 'client',
      createdBy: client.accountId,
      history: [expect.objectContaining({ progress: 0, authorKind: 'client' })],
    });
    // A goal the client creates tells the therapist.
    expect(
      await count(`SELECT count(*) AS n FROM po_notifications WHERE record_id = $1 AND kind = 'goal.created'`, [byClient.body.goalId]),
    ).toBe(1);

    // Both see both.
    const staffList = await as(app, therapist).get(`/api/v1/patients/${p}/goals`);
    const clientList = await asClient(app, client.session).get('/api/v1/portal/goals');
    const ids = (r: request.Response) => r.body.items.map((g: { goalId: string }) => g.goalId).sort();
    expect(ids(staffList)).toEqual([byTherapist.body.goalId, byClient.body.goalId].sort());
    expect(ids(clientList)).toEqual(ids(staffList));

    // Progress from both sides, kept as history.
    const g = byTherapist.body.goalId as string;
    expect(
      (await asClient(app, client.session).post(`/api/v1/portal/goals/${g}/progress`).send({ progress: 40, note: 'Five nights this week' }))
        .status,
    ).toBe(201);
    const achieved = await as(app, therapist)
      .post(`/api/v1/patients/${p}/goals/${g}/progress`)
      .send({ progress: 100, status: 'achieved', note: 'Well done' });
    expect(achieved.status).toBe(201);
    expect(achieved.body).toMatchObject({ status: 'achieved', progress: 100 });
    expect(achieved.body.history.map((h: { progress: number; authorKind: string }) => [h.progress, h.authorKind])).toEqual([
      [100, 'staff'],
      [40, 'client'],
      [0, 'staff'],
    ]);
    const seenByClient = await asClient(app, client.session).get(`/api/v1/portal/goals/${g}`);
    expect(seenByClient.body.history).toHaveLength(3);

    // The goals section of a portal overview: the active goal, the achieved one counted; the same for the client.
    const organizationId = await demo.orgId('cascade');
    for (const tenant of [
      { organizationId, userId: await demo.userId(THERAPIST), siteIds: 'all' as const, patientScope: 'assigned' as const },
      { organizationId, userId: client.accountId, siteIds: [], patientScope: 'portal' as const },
    ]) {
      const section = await executeQueryAs<{ active: { goalId: string }[]; achieved: number }>(app, tenant, 'GetGoalsSectionQuery', p);
      expect(section).toMatchObject({ active: [expect.objectContaining({ goalId: byClient.body.goalId })], achieved: 1, discontinued: 0 });
    }

    // A closed goal takes no more progress (409), and nothing is written.
    const closed = await asClient(app, client.session).post(`/api/v1/portal/goals/${g}/progress`).send({ progress: 50 });
    expectProblem(closed, 409);
    expect(await count('SELECT count(*) AS n FROM po_goal_progress WHERE goal_id = $1', [g])).toBe(3);
    const audit = await demo.auditEvents(`action = 'portal.goal.progress' AND resource_id = $1`, [g]);
    expect(audit.map((a) => [a['actor_type'], a['outcome']])).toEqual([
      ['client', 'success'],
      ['staff', 'success'],
      ['client', 'denied'],
    ]);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const client = clients[1]!;
    const p = client.patientId;
    const { body: goal } = await as(app, therapist).post(`/api/v1/patients/${p}/goals`).send({ title: 'Journal daily' });
    const before = await count('SELECT count(*) AS n FROM po_goal_progress WHERE patient_id = $1', [p]);
    const cases: [string, object, string][] = [
      [`/api/v1/portal/goals`, { title: 7 }, 'title'],
      [`/api/v1/portal/goals`, { title: 'x', targetDate: 'soon' }, 'targetDate'],
      [`/api/v1/portal/goals/${goal.goalId}/progress`, { progress: 101 }, 'progress'],
      [`/api/v1/portal/goals/${goal.goalId}/progress`, { progress: '50' }, 'progress'],
      [`/api/v1/portal/goals/${goal.goalId}/progress`, { progress: 2.5 }, 'progress'],
      [`/api/v1/portal/goals/${goal.goalId}/progress`, { progress: 90, status: 'achieved' }, 'progress'],
      [`/api/v1/portal/goals/${goal.goalId}/progress`, { progress: 10, status: 'paused' }, 'status'],
    ];
    for (const [url, body, field] of cases) {
      const res = await asClient(app, client.session).post(url).send(body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count('SELECT count(*) AS n FROM po_goal_progress WHERE patient_id = $1', [p])).toBe(before);
    expect(await count('SELECT count(*) AS n FROM po_goals WHERE patient_id = $1', [p])).toBe(1);
  });

  it("answers 404 for another client's goal, another therapist's client and another organization's patient, writing nothing", async () => {
    const [a, b] = [clients[0]!, clients[1]!];
    const { body: goalOfB } = await as(app, therapist).post(`/api/v1/patients/${b.patientId}/goals`).send({ title: 'B only' });
    expectProblem(await asClient(app, a.session).get(`/api/v1/portal/goals/${goalOfB.goalId}`), 404);
    expectProblem(await asClient(app, a.session).post(`/api/v1/portal/goals/${goalOfB.goalId}/progress`).send({ progress: 10 }), 404);
    expectProblem(
      await as(app, therapist).post(`/api/v1/patients/${a.patientId}/goals/${goalOfB.goalId}/progress`).send({ progress: 10 }),
      404,
    );
    expectProblem(await as(app, otherTherapist).post(`/api/v1/patients/${b.patientId}/goals`).send({ title: 'x' }), 404);
    expectProblem(await as(app, otherTherapist).get(`/api/v1/patients/${b.patientId}/goals`), 404);
    const [otherOrgPatient] = await demo.activePatients('sonoran', 1, { withoutPortalAccount: true });
    expectProblem(await as(app, admin).post(`/api/v1/patients/${otherOrgPatient}/goals`).send({ title: 'x' }), 404);
    expect(await count('SELECT count(*) AS n FROM po_goal_progress WHERE goal_id = $1', [goalOfB.goalId])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM po_goals WHERE patient_id = ANY($1)', [[otherOrgPatient]])).toBe(0);
  });
});

describe('resources: "Recommended by your therapist"', () => {
  const uploadFor = (patientId: string, content: Buffer, name: string) =>
    request(app.getHttpServer())
      .post(`/api/v1/patients/${patientId}/portal-files`)
      .set('Authorization', `Bearer ${therapist.accessToken}`)
      .attach('file', content, name);

  it('the therapist recommends a link and an uploaded file; the client sees both, downloads the file, and stops seeing a withdrawn one', async () => {
    const client = clients[2]!;
    const p = client.patientId;
    const link = await as(app, therapist)
      .post(`/api/v1/patients/${p}/resources`)
      .send({ title: 'Sleep hygiene', url: 'https://www.sleepfoundation.org/sleep-hygiene' });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ kind: 'link', url: 'https://www.sleepfoundation.org/sleep-hygiene', fileId: null });
    const uploaded = await uploadFor(p, HANDOUT, 'handout.pdf');
    expect(uploaded.status).toBe(201);
    const file = await as(app, therapist)
      .post(`/api/v1/patients/${p}/resources`)
      .send({ title: 'Handout', description: 'Read before our next session', fileId: uploaded.body.fileId });
    expect(file.status).toBe(201);
    expect(file.body).toMatchObject({ kind: 'file', fileId: uploaded.body.fileId, url: null });

    const mine = await asClient(app, client.session).get('/api/v1/portal/resources');
    expect(mine.status).toBe(200);
    expect(mine.body.recommendedByYourTherapist.map((r: { resourceId: string }) => r.resourceId).sort()).toEqual(
      [link.body.resourceId, file.body.resourceId].sort(),
    );
    const download = await asClient(app, client.session).get(`/api/v1/portal/files/${uploaded.body.fileId}`).buffer(true);
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, HANDOUT)).toBe(0);

    const withdrawn = await as(app, therapist).post(`/api/v1/patients/${p}/resources/${link.body.resourceId}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawnAt).toEqual(expect.any(String));
    const after = await asClient(app, client.session).get('/api/v1/portal/resources');
    expect(after.body.recommendedByYourTherapist.map((r: { resourceId: string }) => r.resourceId)).toEqual([file.body.resourceId]);
    const all = await as(app, therapist).get(`/api/v1/patients/${p}/resources?includeWithdrawn=true`);
    expect(all.body.items).toHaveLength(2);
  });

  it('assigns a link already recommended to another client (seed "assign resource"), once, but never another client\'s file', async () => {
    const [a, b] = [clients[0]!, clients[1]!];
    const link = await as(app, therapist)
      .post(`/api/v1/patients/${a.patientId}/resources`)
      .send({ title: 'Grounding', url: 'https://example.org/grounding' });
    const assigned = await as(app, therapist).post(`/api/v1/patients/${b.patientId}/resources/${link.body.resourceId}`);
    expect(assigned.status).toBe(201);
    expect(assigned.body).toMatchObject({ patientId: b.patientId, kind: 'link', url: 'https://example.org/grounding' });
    const again = await as(app, therapist).post(`/api/v1/patients/${b.patientId}/resources/${link.body.resourceId}`);
    expect(again.body.resourceId).toBe(assigned.body.resourceId);
    const uploaded = await uploadFor(a.patientId, HANDOUT, 'a.pdf');
    const fileRes = await as(app, therapist)
      .post(`/api/v1/patients/${a.patientId}/resources`)
      .send({ title: 'A file', fileId: uploaded.body.fileId });
    expectProblem(await as(app, therapist).post(`/api/v1/patients/${b.patientId}/resources/${fileRes.body.resourceId}`), 422);
  });

  it("refuses non-https links, both or neither of url and fileId, and another client's file with 400 naming the field, writing nothing", async () => {
    const [a, b] = [clients[0]!, clients[1]!];
    const ofB = (await uploadFor(b.patientId, HANDOUT, 'b.pdf')).body.fileId as string;
    const before = await count('SELECT count(*) AS n FROM po_resources WHERE patient_id = $1', [a.patientId]);
    const cases: [object, string][] = [
      [{ title: 'x', url: 'http://example.org/' }, 'url'],
      [{ title: 'x', url: 'javascript:alert(1)' }, 'url'],
      [{ title: 'x', url: 'https://user:pw@example.org/' }, 'url'],
      [{ title: 'x', url: 42 }, 'url'],
      [{ title: 'x' }, 'url'],
      [{ title: 'x', url: 'https://example.org/', fileId: ofB }, 'fileId'],
      [{ title: 'x', fileId: ofB }, 'fileId'],
      [{ title: 'x', fileId: 'handout.pdf' }, 'fileId'],
      [{ title: '', url: 'https://example.org/' }, 'title'],
    ];
    for (const [body, field] of cases) {
      const res = await as(app, therapist).post(`/api/v1/patients/${a.patientId}/resources`).send(body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count('SELECT count(*) AS n FROM po_resources WHERE patient_id = $1', [a.patientId])).toBe(before);
    expect((await demo.owner.query('SELECT owner_kind FROM po_files WHERE id = $1', [ofB])).rows[0].owner_kind).toBe('unattached');
  });

  it("answers 404 for another therapist's client and a random resource, and 401 for a client on staff routes", async () => {
    const a = clients[0]!;
    expectProblem(
      await as(app, otherTherapist).post(`/api/v1/patients/${a.patientId}/resources`).send({ title: 'x', url: 'https://example.org/' }),
      404,
    );
    expectProblem(await as(app, otherTherapist).get(`/api/v1/patients/${a.patientId}/resources`), 404);
    expectProblem(await as(app, therapist).post(`/api/v1/patients/${a.patientId}/resources/${randomUUID()}/withdraw`), 404);
    expectProblem(
      await asClient(app, a.session).post(`/api/v1/patients/${a.patientId}/resources`).send({ title: 'x', url: 'https://example.org/' }),
      401,
    );
  });
});
