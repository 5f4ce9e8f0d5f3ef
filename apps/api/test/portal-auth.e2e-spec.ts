import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { buildOpenApiDocument } from '../src/configure-app';
import { bootApi, redisFlushLoginCounters } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { asClient, CLIENT_PASSWORD, onboardClient, portalLogin } from './support/portal-api';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// Portal accounts and sign-in (issue 18 item 1; ADR 0015): invitations, the password policy, sessions with
// rotation and reuse detection, the portal audience apart from staff tokens, and the ways a session ends.

let app: INestApplication;
const demo = new DemoFixture();
let admin: StaffSession;
let patients: string[];
const http = () => request(app.getHttpServer());
const count = async (sql: string, params: unknown[]) => Number((await demo.owner.query<{ n: string }>(sql, params)).rows[0]!.n);

beforeAll(async () => {
  app = await bootApi({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '1000' });
  admin = await login(app, 'admin@sonoran.cairn.test');
  patients = await demo.activePatients('sonoran', 14, { withoutPortalAccount: true });
  expect(patients.length).toBe(14);
});
beforeEach(() => redisFlushLoginCounters());
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('inviting a patient (portal.accounts.manage)', () => {
  it('returns a single-use link once, stores only its hash, and publishes portal_invitation_created.v1 in the same transaction', async () => {
    const patientId = patients[0]!;
    const email = `Invitee-${randomUUID().slice(0, 6)}@Example.test`;
    const res = await as(app, admin).post(`/api/v1/patients/${patientId}/portal-account/invitations`).send({ email });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      account: { patientId, email: email.toLowerCase(), status: 'invited', activatedAt: null },
      invitationLink: `/accept-invitation#token=${res.body.invitationToken}`,
    });
    const stored = await demo.owner.query('SELECT token_hash FROM po_invitations WHERE id = $1', [res.body.invitationId]);
    expect(stored.rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0].token_hash).not.toContain(res.body.invitationToken);
    const events = await demo.owner.query(
      `SELECT payload FROM pf_outbox_events WHERE event_type = 'portal_invitation_created.v1' AND payload->>'invitation_id' = $1`,
      [res.body.invitationId],
    );
    expect(events.rows).toHaveLength(1);
    expect(JSON.stringify(events.rows[0])).not.toContain(res.body.invitationToken);
    expect(JSON.stringify(events.rows[0])).not.toContain(email.toLowerCase());
    const audit = await demo.auditEvents(`action = 'portal.account.invite' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(audit).toMatchObject([
      { outcome: 'success', actor_type: 'staff', patient_id: patientId, resource_id: res.body.account.accountId },
    ]);
  });

  it('answers 404 for a patient of another organization, and writes nothing', async () => {
    const cascadePatient = (
      await demo.owner.query(
        `SELECT p.id FROM cl_patients p JOIN pf_organizations o ON o.id = p.organization_id WHERE o.slug = 'cascade' LIMIT 1`,
      )
    ).rows[0].id as string;
    const before = await count('SELECT count(*) AS n FROM po_accounts', []);
    const res = await as(app, admin)
      .post(`/api/v1/patients/${cascadePatient}/portal-account/invitations`)
      .send({ email: 'x@example.test' });
    expectProblem(res, 404);
    expect(await count('SELECT count(*) AS n FROM po_accounts', [])).toBe(before);
  });

  it('refuses a bad email with 400 naming the field, and a role without the permission with 403', async () => {
    const bad = await as(app, admin).post(`/api/v1/patients/${patients[1]}/portal-account/invitations`).send({ email: 42 });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('email');
    const billing = await login(app, 'billing@sonoran.cairn.test');
    const denied = await as(app, billing)
      .post(`/api/v1/patients/${patients[1]}/portal-account/invitations`)
      .send({ email: 'y@example.test' });
    expectProblem(denied, 403);
    expect(await count('SELECT count(*) AS n FROM po_accounts WHERE patient_id = $1', [patients[1]])).toBe(0);
  });

  it('refuses an email another portal account uses with 409, naming the field', async () => {
    const first = await onboardClient(app, admin, patients[2]!);
    const res = await as(app, admin).post(`/api/v1/patients/${patients[3]}/portal-account/invitations`).send({ email: first.email });
    expectProblem(res, 409);
    expect(res.body.errors).toEqual([{ field: 'email', message: expect.any(String) }]);
    expect(await count('SELECT count(*) AS n FROM po_accounts WHERE patient_id = $1', [patients[3]])).toBe(0);
    const again = await as(app, admin)
      .post(`/api/v1/patients/${first.patientId}/portal-account/invitations`)
      .send({ email: 'other@example.test' });
    expectProblem(again, 409); // one account per patient, and an active one is not re-invited
  });
});

describe('accepting an invitation', () => {
  it('refuses a weak password with 400 naming the field and keeps the token unspent', async () => {
    const invited = await as(app, admin)
      .post(`/api/v1/patients/${patients[4]}/portal-account/invitations`)
      .send({ email: `w-${randomUUID().slice(0, 6)}@example.test` });
    expect(invited.status).toBe(201);
    for (const password of ['short', 'Password123456!', '123456789012', 7]) {
      const res = await http().post('/api/v1/portal/auth/accept-invitation').send({ token: invited.body.invitationToken, password });
      expectProblem(res, 400);
      expect(new Set(res.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['password']));
    }
    expect(
      (await demo.owner.query('SELECT used_at FROM po_invitations WHERE id = $1', [invited.body.invitationId])).rows[0].used_at,
    ).toBeNull();
    const ok = await http()
      .post('/api/v1/portal/auth/accept-invitation')
      .send({ token: invited.body.invitationToken, password: CLIENT_PASSWORD });
    expect(ok.status).toBe(200);
    const replay = await http()
      .post('/api/v1/portal/auth/accept-invitation')
      .send({ token: invited.body.invitationToken, password: CLIENT_PASSWORD });
    expectProblem(replay, 401);
    const hash = (await demo.owner.query('SELECT password_hash, status FROM po_accounts WHERE patient_id = $1', [patients[4]])).rows[0];
    expect(hash).toMatchObject({ status: 'active', password_hash: expect.stringMatching(/^\$argon2id\$/) });
  });

  it('refuses an expired invitation and one superseded by a newer invitation', async () => {
    const email = `e-${randomUUID().slice(0, 6)}@example.test`;
    const first = await as(app, admin).post(`/api/v1/patients/${patients[5]}/portal-account/invitations`).send({ email });
    const second = await as(app, admin).post(`/api/v1/patients/${patients[5]}/portal-account/invitations`).send({ email });
    expect([first.status, second.status]).toEqual([201, 201]);
    expectProblem(
      await http().post('/api/v1/portal/auth/accept-invitation').send({ token: first.body.invitationToken, password: CLIENT_PASSWORD }),
      401,
    );
    await demo.owner.query(`UPDATE po_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [second.body.invitationId]);
    expectProblem(
      await http().post('/api/v1/portal/auth/accept-invitation').send({ token: second.body.invitationToken, password: CLIENT_PASSWORD }),
      401,
    );
    expect((await demo.owner.query('SELECT status, password_hash FROM po_accounts WHERE patient_id = $1', [patients[5]])).rows[0]).toEqual({
      status: 'invited',
      password_hash: null,
    });
  });
});

describe('POST /api/v1/portal/auth/login', () => {
  it('answers an unknown email and a wrong password with the same 401, and audits both apart', async () => {
    const client = await onboardClient(app, admin, patients[6]!);
    const wrong = await http().post('/api/v1/portal/auth/login').send({ email: client.email, password: 'not-the-password-at-all' });
    const unknown = await http()
      .post('/api/v1/portal/auth/login')
      .send({ email: `nobody-${randomUUID()}@example.test`, password: 'not-the-password-at-all' });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    const [row] = await demo.auditEvents(`action = 'portal.auth.login' AND request_id = $1`, [wrong.headers['x-request-id']]);
    expect(row).toMatchObject({ outcome: 'failure', reason: 'bad_password', resource_id: client.accountId, organization_id: null });
    const ok = await portalLogin(app, client.email);
    expect(ok.accessToken).toEqual(expect.any(String));
    const success = await demo.auditEvents(`action = 'portal.auth.login' AND outcome = 'success' AND actor_user_id = $1`, [
      client.accountId,
    ]);
    expect(success.at(-1)).toMatchObject({ actor_type: 'client', patient_id: client.patientId });
  });

  it('throttles an account after repeated failures, even with the right password, with 429', async () => {
    const client = await onboardClient(app, admin, patients[7]!);
    for (let i = 0; i < 3; i++)
      expectProblem(await http().post('/api/v1/portal/auth/login').send({ email: client.email, password: 'wrong-wrong-wrong' }), 401);
    const res = await http().post('/api/v1/portal/auth/login').send({ email: client.email, password: CLIENT_PASSWORD });
    expectProblem(res, 429);
  });
});

describe('the portal audience', () => {
  it('refuses a portal token on every staff route and a staff token on every portal route', async () => {
    const client = await onboardClient(app, admin, patients[8]!);
    const staffRoutes = ['/api/v1/me', `/api/v1/patients/${client.patientId}`, '/api/v1/pm/appointments/' + randomUUID()];
    for (const url of staffRoutes) expectProblem(await asClient(app, client.session).get(url), 401);
    // Every route the OpenAPI document marks as a portal client's (x-permission: portal-client).
    const doc = buildOpenApiDocument(app) as unknown as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    const portalRoutes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op['x-permission'] === 'portal-client')
        .map(([method]) => ({ method: method as 'get' | 'post' | 'patch' | 'put', url: path.replace(/\{\w+\}/g, randomUUID()) })),
    );
    expect(portalRoutes.length).toBeGreaterThan(0);
    for (const r of portalRoutes) {
      const res = await as(app, admin)[r.method](r.url).send({});
      expect({ route: `${r.method} ${r.url}`, status: res.status }).toEqual({ route: `${r.method} ${r.url}`, status: 401 });
    }
  });
});

describe('portal sessions', () => {
  it('rotates refresh tokens, and a spent one presented again revokes the whole session', async () => {
    const client = await onboardClient(app, admin, patients[9]!);
    const first = await http().post('/api/v1/portal/auth/refresh').send({ refreshToken: client.session.refreshToken });
    expect(first.status).toBe(200);
    const reuse = await http().post('/api/v1/portal/auth/refresh').send({ refreshToken: client.session.refreshToken });
    expectProblem(reuse, 401);
    const [row] = await demo.auditEvents(`action = 'portal.auth.refresh' AND request_id = $1`, [reuse.headers['x-request-id']]);
    expect(row).toMatchObject({ outcome: 'denied', reason: 'reuse_detected_family_revoked' });
    expectProblem(await http().post('/api/v1/portal/auth/refresh').send({ refreshToken: first.body.refreshToken }), 401);
    expectProblem(await asClient(app, first.body).post('/api/v1/portal/auth/logout'), 401);
  });

  it('ends at logout', async () => {
    const client = await onboardClient(app, admin, patients[10]!);
    expect((await asClient(app, client.session).post('/api/v1/portal/auth/logout')).status).toBe(204);
    expectProblem(await asClient(app, client.session).post('/api/v1/portal/auth/logout'), 401);
    expectProblem(await http().post('/api/v1/portal/auth/refresh').send({ refreshToken: client.session.refreshToken }), 401);
  });

  it('ends when staff disable the account, and when the patient is discharged', async () => {
    const client = await onboardClient(app, admin, patients[11]!);
    const other = patients[12]!;
    const disabled = await as(app, admin).post(`/api/v1/patients/${client.patientId}/portal-account/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe('disabled');
    expectProblem(await asClient(app, client.session).post('/api/v1/portal/auth/logout'), 401);
    expectProblem(await http().post('/api/v1/portal/auth/login').send({ email: client.email, password: CLIENT_PASSWORD }), 401);
    expectProblem(await http().post('/api/v1/portal/auth/refresh').send({ refreshToken: client.session.refreshToken }), 401);

    // Discharge: CL's patient status, read through cl_patient_is_active by the session check and the client's policy.
    const discharged = await onboardClient(app, admin, other);
    const patch = await as(app, admin).patch(`/api/v1/patients/${discharged.patientId}`).send({ status: 'inactive' });
    expect(patch.status).toBe(200);
    try {
      expectProblem(await asClient(app, discharged.session).post('/api/v1/portal/auth/logout'), 401);
      expectProblem(await http().post('/api/v1/portal/auth/login').send({ email: discharged.email, password: CLIENT_PASSWORD }), 401);
      expectProblem(await http().post('/api/v1/portal/auth/refresh').send({ refreshToken: discharged.session.refreshToken }), 401);
    } finally {
      await as(app, admin).patch(`/api/v1/patients/${discharged.patientId}`).send({ status: 'active' });
    }
  });
});

describe('demo portal data', () => {
  it('signs the demo client in with the demo password, and shows its therapist a live portal-activity tab', async () => {
    const session = await portalLogin(app, 'client@sonoran.cairn.test', 'demo-password-1');
    const dash = await asClient(app, session).get('/api/v1/portal/dashboard');
    expect(dash.status).toBe(200);
    expect(dash.body.sections.mood.entries).toBeGreaterThan(10);
    const therapist = await login(app, 'clinician@sonoran.cairn.test');
    const tab = await as(app, therapist).get(`/api/v1/patients/${dash.body.patientId}/portal-activity`);
    expect(tab.status).toBe(200);
    expect(tab.body.sections.journal.recentShared.length).toBeGreaterThan(0);
    const trend = await as(app, therapist).get(`/api/v1/patients/${dash.body.patientId}/mood-trends`);
    expect(trend.body.entries).toBeGreaterThan(10);
    expect(trend.body.entries).toBeLessThanOrEqual(dash.body.sections.mood.entries); // the therapist sees only shared entries
  });
});
