import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';

import { bootApi, redisFlushLoginCounters } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { as, DEMO_PASSWORD, expectProblem, login } from './support/staff-api';

let app: INestApplication;
const demo = new DemoFixture();

beforeAll(async () => {
  app = await bootApi({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '1000' });
});
beforeEach(() => redisFlushLoginCounters());
afterAll(async () => {
  await app.close();
  await demo.close();
});

const http = () => request(app.getHttpServer());

describe('POST /api/v1/auth/login', () => {
  it('signs a demo user in with a bearer access token and a refresh token', async () => {
    const res = await http().post('/api/v1/auth/login').send({ email: 'supervisor@sonoran.cairn.test', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: expect.any(Number),
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
  });

  it('answers a wrong password and an unknown email with the same 401, and audits both', async () => {
    const wrong = await http().post('/api/v1/auth/login').send({ email: 'billing@sonoran.cairn.test', password: 'not-the-password' });
    const unknown = await http()
      .post('/api/v1/auth/login')
      .send({ email: `nobody-${randomUUID()}@sonoran.cairn.test`, password: 'whatever' });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    const billingId = await demo.userId('billing@sonoran.cairn.test');
    const events = await demo.auditEvents(`action = 'auth.login' AND outcome = 'failure' AND request_id = $1`, [
      wrong.headers['x-request-id'],
    ]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ resource_id: billingId, reason: 'bad_password', organization_id: null });
    expect(JSON.stringify(events[0])).not.toContain('not-the-password');
  });

  it('rejects a malformed body with 400 naming the field', async () => {
    const res = await http().post('/api/v1/auth/login').send({ email: 'not-an-email', password: '' });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('throttles an account after repeated failures, even with the right password, with 429', async () => {
    const email = 'hr@sonoran.cairn.test';
    for (let i = 0; i < 3; i++) {
      expect((await http().post('/api/v1/auth/login').send({ email, password: 'wrong-password' })).status).toBe(401);
    }
    const blocked = await http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD });
    expectProblem(blocked, 429);
    const events = await demo.auditEvents(`action = 'auth.login' AND reason = 'throttled' AND request_id = $1`, [
      blocked.headers['x-request-id'],
    ]);
    expect(events).toHaveLength(1);
  });
});

describe('refresh token rotation', () => {
  it('rotates the refresh token on every use', async () => {
    const s1 = await login(app, 'frontdesk@sonoran.cairn.test');
    const r = await http().post('/api/v1/auth/refresh').send({ refreshToken: s1.refreshToken });
    expect(r.status).toBe(200);
    expect(r.body.refreshToken).not.toBe(s1.refreshToken);
    expect((await as(app, r.body).get('/api/v1/me')).status).toBe(200);
  });

  it('revokes the whole family when a spent refresh token is presented again', async () => {
    const s1 = await login(app, 'frontdesk@sonoran.cairn.test');
    const s2 = (await http().post('/api/v1/auth/refresh').send({ refreshToken: s1.refreshToken })).body;
    expect((await as(app, s2).get('/api/v1/me')).status).toBe(200); // the session's grants are now cached
    const reuse = await http().post('/api/v1/auth/refresh').send({ refreshToken: s1.refreshToken });
    expectProblem(reuse, 401);
    expectProblem(await http().post('/api/v1/auth/refresh').send({ refreshToken: s2.refreshToken }), 401);
    expectProblem(await as(app, s2).get('/api/v1/me'), 401);
  });

  it('lets only one of two racing refreshes of the same token succeed', async () => {
    const s = await login(app, 'manager@sonoran.cairn.test');
    const [a, b] = await Promise.all([
      http().post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }),
      http().post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
  });

  it('rejects an unknown refresh token with 401', async () => {
    expectProblem(
      await http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: 'x'.repeat(43) }),
      401,
    );
  });
});

describe('logout', () => {
  it('ends the session: its access and refresh tokens stop working at once', async () => {
    const s = await login(app, 'clinician@sonoran.cairn.test');
    expect((await as(app, s).get('/api/v1/me')).status).toBe(200); // the session's grants are now cached
    expect((await as(app, s).post('/api/v1/auth/logout')).status).toBe(204);
    expectProblem(await as(app, s).get('/api/v1/me'), 401);
    expectProblem(await http().post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }), 401);
  });
});

describe('bearer tokens', () => {
  it('answers a missing, malformed, foreign or expired token with 401 problem+json', async () => {
    const missing = await http().get('/api/v1/me');
    expectProblem(missing, 401);
    const denied = await demo.auditEvents(`action = 'access.denied' AND request_id = $1`, [missing.headers['x-request-id']]);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ organization_id: null, actor_type: 'anonymous', outcome: 'denied' });
    expectProblem(await http().get('/api/v1/me').set('Authorization', 'Bearer not-a-jwt'), 401);
    const foreign = new JwtService({ secret: 'some-other-secret-that-is-long-enough-000' }).sign(
      { sub: randomUUID(), sid: randomUUID() },
      { audience: 'cairn-staff', issuer: 'cairn' },
    );
    expectProblem(await http().get('/api/v1/me').set('Authorization', `Bearer ${foreign}`), 401);
    const s = await login(app, 'admin@sonoran.cairn.test');
    const claims = JSON.parse(Buffer.from(s.accessToken.split('.')[1]!, 'base64url').toString()) as { sub: string; sid: string };
    const secret = app.get(JwtService);
    const expired = secret.sign({ sub: claims.sub, sid: claims.sid }, { audience: 'cairn-staff', issuer: 'cairn', expiresIn: -10 });
    expectProblem(await http().get('/api/v1/me').set('Authorization', `Bearer ${expired}`), 401);
  });
});

describe('GET /api/v1/me', () => {
  it("returns the caller's organizations, sites, roles and permission keys", async () => {
    const s = await login(app, 'supervisor@sonoran.cairn.test');
    const res = await as(app, s).get('/api/v1/me');
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe('supervisor@sonoran.cairn.test');
    const sonoran = res.body.organizations.find((o: { slug: string }) => o.slug === 'sonoran');
    expect(sonoran.roles).toContain('supervisor');
    expect(sonoran.permissions).toEqual(expect.arrayContaining(['cl.group-encounter-generation.approve', 'patients.view']));
    expect(sonoran.sites.length).toBeGreaterThan(0);
  });

  it('lists both organizations for a user bound in two', async () => {
    const { rows } = await demo.owner.query<{ email: string }>(
      `SELECT u.email FROM pf_staff_users u JOIN pf_role_bindings b ON b.staff_user_id = u.id
       GROUP BY u.email HAVING count(DISTINCT b.organization_id) > 1 LIMIT 1`,
    );
    const s = await login(app, rows[0]!.email);
    const res = await as(app, s).get('/api/v1/me');
    expect(res.body.organizations.map((o: { slug: string }) => o.slug).sort()).toEqual(['cascade', 'sonoran']);
    // Without X-Organization-Id a permission-checked route cannot guess which organization is meant.
    const ambiguous = await as(app, s).get('/api/v1/patients');
    expectProblem(ambiguous, 400);
    expect(ambiguous.body.errors[0].field).toBe('header.X-Organization-Id');
    expect((await as(app, s, await demo.orgId('cascade')).get('/api/v1/patients')).status).toBe(200);
  });
});

describe('permissions', () => {
  it('refuses HR the patient list with 403 problem+json and audits the denial', async () => {
    const s = await login(app, 'hr@sonoran.cairn.test');
    const res = await as(app, s).get('/api/v1/patients');
    expectProblem(res, 403);
    const events = await demo.auditEvents(`action = 'access.denied' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'denied', organization_id: await demo.orgId('sonoran') });
  });

  it('refuses an organization the caller has no binding in with 403', async () => {
    const s = await login(app, 'admin@cascade.cairn.test');
    expectProblem(await as(app, s, await demo.orgId('sonoran')).get('/api/v1/patients'), 403);
  });

  it('rejects a malformed X-Organization-Id with 400', async () => {
    const s = await login(app, 'admin@cascade.cairn.test');
    expectProblem(await as(app, s, 'not-a-uuid').get('/api/v1/patients'), 400);
  });
});
