import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { DemoFixture } from '../../apps/api/test/support/demo-fixture';
import { as, expectProblem, login, StaffSession } from '../../apps/api/test/support/staff-api';
import { FuzzTarget, startFuzzTarget } from './fuzz-run';

// Input an attacker controls, sent to the real routes: every refusal is a 4xx problem+json that names the
// field, and nothing reaches the database (the row counts of every table are compared at the end). The API runs
// on a database of its own (as the fuzz suite's), so no other suite's writes can blur that comparison.

let target: FuzzTarget;
let app: INestApplication;
let demo: DemoFixture;
let supervisor: StaffSession;
let sessions: StaffSession[];
let sessionId: string;
let patientId: string;
let countsBefore: Record<string, number>;
/** Every list route, and a demo user who may read it (found in beforeAll: reads and denials are audited). */
const LISTS = [
  '/api/v1/charges',
  '/api/v1/pm/fee-schedule',
  '/api/v1/staff-directory',
  '/api/v1/admin/events/failed',
  '/api/v1/code-library/codes',
  '/api/v1/group-sessions',
  '/api/v1/groups',
  '/api/v1/group-encounter-generations',
  '/api/v1/peer-supervision',
  '/api/v1/patients/:patient/consents',
  '/api/v1/patients/:patient/peer-encounters',
  '/api/v1/patients',
  '/api/v1/patients/:patient/encounters',
  '/api/v1/audit-events',
];
const listReader = new Map<string, StaffSession>();
const http = () => request(app.getHttpServer());
const NUL = '\u0000';

async function rowCounts(): Promise<Record<string, number>> {
  const { rows } = await demo.owner.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { tablename } of rows) {
    counts[tablename] = Number((await demo.owner.query<{ n: string }>(`SELECT count(*) AS n FROM "${tablename}"`)).rows[0]!.n);
  }
  return counts;
}

/** 400 (or `status`) problem+json whose errors[] name exactly these fields. */
function expectFields(res: request.Response, fields: string[], status = 400): void {
  expectProblem(res, status);
  expect({ fields: [...new Set(((res.body.errors as { field: string }[] | undefined) ?? []).map((e) => e.field))].sort() }).toEqual({
    fields: [...fields].sort(),
  });
}

beforeAll(async () => {
  target = await startFuzzTarget();
  app = target.app;
  demo = new DemoFixture(target.ownerUrl);
  supervisor = await login(app, 'supervisor@sonoran.cairn.test');
  sessions = await Promise.all(
    ['admin@sonoran.cairn.test', 'hr@sonoran.cairn.test', 'billing@sonoran.cairn.test', 'peer@sonoran.cairn.test'].map((e) =>
      login(app, e),
    ),
  );
  sessions.unshift(supervisor);
  const tucson = (await demo.sites('sonoran')).find((s) => s.code === 'TUC')!.id;
  const supervisorId = await demo.userId('supervisor@sonoran.cairn.test');
  const group = await as(app, supervisor)
    .post('/api/v1/groups')
    .send({
      siteId: tucson,
      name: 'Hostile input probe',
      groupType: 'psychotherapy_group',
      sudProgram: false,
      facilitatorIds: [supervisorId],
    });
  expect(group.status).toBe(201);
  const session = await as(app, supervisor)
    .post('/api/v1/group-sessions')
    .send({ groupId: group.body.id, sessionDate: '2025-06-03', startTime: '10:00', endTime: '11:00', note: 'Probe' });
  expect(session.status).toBe(201);
  sessionId = session.body.id;
  patientId = (await demo.patientsAssignedTo('supervisor@sonoran.cairn.test', true, 1))[0] ?? (await demo.patientAtSite(tucson));
  for (const route of LISTS) {
    for (const s of sessions) {
      if ((await as(app, s).get(`${route.replace(':patient', patientId)}?page=2`)).status === 200) {
        listReader.set(route, s);
        break;
      }
    }
  }
  countsBefore = await rowCounts();
});
afterAll(async () => {
  await demo?.close();
  await target?.close();
});

describe('U+0000 and lone surrogates in strings', () => {
  it('refuses U+0000 in a query parameter (GET /staff-directory?q=%00) naming q', async () => {
    expectFields(await as(app, sessions[2]!).get('/api/v1/staff-directory?q=%00'), ['q']);
  });

  it('refuses U+0000 in a path parameter naming the parameter', async () => {
    expectFields(await as(app, supervisor).get('/api/v1/code-library/codes/99%0013/validity'), ['code']);
  });

  it.each([
    ['POST', '/api/v1/groups', 'name', { name: `x${NUL}` }],
    ['POST', `/api/v1/group-encounter-generations/${randomUUID()}/reject`, 'reason', { reason: `duplicate${NUL}` }],
    ['POST', '/api/v1/group-encounter-generations/reject', 'reason', { ids: [randomUUID()], reason: `${NUL}` }],
    ['POST', '/api/v1/peer-encounters', 'focusNotes', { focusNotes: `housing${NUL}` }],
    ['POST', `/api/v1/peer-encounters/${randomUUID()}/addenda`, 'body', { body: `late entry${NUL}` }],
    ['POST', `/api/v1/progress-notes/${randomUUID()}/addenda`, 'body', { body: `late entry${NUL}` }],
    ['POST', '/api/v1/peer-supervision', 'notes', { notes: `${NUL}reviewed` }],
    [
      'POST',
      '/api/v1/patients',
      'lastName|address.line1',
      { firstName: 'Ada', lastName: `Null${NUL}`, address: { line1: `1 Main${NUL}` } },
    ],
    ['PATCH', '/api/v1/patients/:patient', 'preferredName', { preferredName: `A${NUL}` }],
    [
      'PUT',
      '/api/v1/group-sessions/:session/attendance',
      'attendees.0.arrivalTime',
      { attendees: [{ patientId: randomUUID(), status: 'present', arrivalTime: `10:00${NUL}` }] },
    ],
  ])('refuses U+0000 in %s %s naming %s', async (method, url, fields, body) => {
    const path = url.replace(':patient', patientId).replace(':session', sessionId);
    const client = as(app, supervisor);
    const res = await (method === 'POST' ? client.post(path) : method === 'PUT' ? client.put(path) : client.patch(path)).send(body);
    expectFields(res, fields.split('|'));
    expect(res.body.errors[0].message).toMatch(/U\+0000/);
  });

  it('refuses a lone UTF-16 surrogate in the email of an unauthenticated login (was a URIError, 500)', async () => {
    const res = await http().post('/api/v1/auth/login').send({ email: 'a\ud83d@example.com', password: 'demo-password-1' });
    expectFields(res, ['email']);
    expect(res.body.errors[0].message).toMatch(/surrogate/);
  });

  it('refuses a lone surrogate or U+0000 in a property name, naming its parent', async () => {
    const res = await as(app, supervisor)
      .post('/api/v1/patients')
      .set('Content-Type', 'application/json')
      .send('{"firstName":"Ada","address":{"li\\udc00ne1":"x"}}');
    expectFields(res, ['address']);
  });

  it('answers a path parameter that is not UTF-8 with 400 problem+json', async () => {
    expectProblem(await as(app, supervisor).get('/api/v1/code-library/codes/%ED%A0%BD/validity'), 400);
  });
});

describe('JSON depth', () => {
  it('refuses 5,000 nested arrays on the unauthenticated login route with 400 naming the body', async () => {
    const res = await http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('['.repeat(5000) + ']'.repeat(5000));
    expectFields(res, ['(body)']);
  });

  it('refuses 33 nested objects inside a field, and takes brackets inside strings as text', async () => {
    let deep: unknown = {};
    for (let i = 0; i < 32; i++) deep = { a: deep };
    expectFields(await as(app, supervisor).post('/api/v1/groups').send({ name: 'x', facilitatorIds: deep }), ['(body)']);
    const brackets = await as(app, supervisor)
      .post('/api/v1/groups')
      .send({ name: '['.repeat(100) });
    expect(brackets.status).toBe(400);
    expect((brackets.body.errors as { field: string }[]).map((e) => e.field)).not.toContain('(body)');
  });
});

describe('prototype keys', () => {
  it.each([
    ['{"name":"x","__proto__":{"isAdmin":true}}', '__proto__'],
    ['{"name":"x","constructor":{"prototype":{"isAdmin":true}}}', 'constructor'],
    ['{"attendees":[{"patientId":"x","prototype":1}]}', 'attendees.0.prototype'],
  ])('refuses %s with 400 naming %s', async (raw, field) => {
    const res = await as(app, supervisor).post('/api/v1/groups').set('Content-Type', 'application/json').send(raw);
    expectFields(res, [field]);
  });

  it('refuses __proto__ in the query string', async () => {
    expectFields(await as(app, supervisor).get('/api/v1/groups?__proto__=x'), ['__proto__']);
  });
});

describe('page numbers', () => {
  it.each(LISTS)('caps page on %s with 400 naming page', async (route) => {
    const url = route.replace(':patient', patientId);
    const allowed = listReader.get(route);
    expect({ route, allowed: !!allowed }).toEqual({ route, allowed: true });
    expectFields(await as(app, allowed!).get(`${url}?page=99999999999999999999`), ['page']);
    expectFields(await as(app, allowed!).get(`${url}?page=100001`), ['page']);
  });
});

describe('shapes the DTOs did not refuse', () => {
  it('refuses PUT attendance {"attendees":[[]]} with 400 naming attendees.0', async () => {
    const res = await as(app, supervisor)
      .put(`/api/v1/group-sessions/${sessionId}/attendance`)
      .send({ attendees: [[]] });
    expectFields(res, ['attendees.0']);
    expect(res.body.errors).toContainEqual({ field: 'attendees.0', message: 'attendees.0 must be an object' });
  });

  it('refuses an array where a nested object belongs (patient address)', async () => {
    const res = await as(app, supervisor).patch(`/api/v1/patients/${patientId}`).send({ address: [] });
    expectFields(res, ['address']);
  });
});

describe('media types', () => {
  it.each([
    ['application/x-www-form-urlencoded', 'email=a%40b.c&password=x'],
    ['text/plain', '{"email":"a@b.c","password":"x"}'],
    ['application/xml', '<login/>'],
  ])('answers a %s body on a JSON route with 415 problem+json', async (type, body) => {
    const res = await http().post('/api/v1/auth/login').set('Content-Type', type).send(body);
    expectProblem(res, 415);
    expect(res.body.type).toBe('https://cairn.dev/problems/unsupported-media-type');
  });

  it('does not parse a form into a DTO on an authenticated route either', async () => {
    const res = await as(app, supervisor).post('/api/v1/groups').type('form').send({ name: 'Formed' });
    expectProblem(res, 415);
  });
});

describe('nothing was written', () => {
  it('leaves the row count of every table as it was', async () => {
    expect(await rowCounts()).toEqual(countsBefore);
  });
});
