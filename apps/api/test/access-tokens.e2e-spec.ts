import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { expectProblem, login } from './support/staff-api';
import { testConfig } from './support/test-config';

/**
 * Access tokens minted with the API's real signing key, as someone holding that key would: a token is honoured
 * only when it names a live session (sid) and our audience and issuer, and expires within JWT_ACCESS_TTL_SECONDS.
 * Every refusal is a 401 problem+json and an access.denied audit row.
 */
let app: INestApplication;
const demo = new DemoFixture();
const config = testConfig();
const signer = new JwtService({ secret: config.JWT_SECRET });
const TTL = config.JWT_ACCESS_TTL_SECONDS;

beforeAll(async () => {
  app = await bootApi();
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

const now = () => Math.floor(Date.now() / 1000);
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; sid: string };

/** A token over exactly these claims (nothing added by the signer: no iat, exp, aud or iss unless given). */
function mint(claims: Record<string, unknown>): string {
  // jsonwebtoken keeps a given iat; noTimestamp only stops it adding one (and would drop a given one).
  return signer.sign(claims, claims['iat'] === undefined ? { noTimestamp: true } : {});
}

/** The claims TokenService would issue now for a session. */
function issued(sub: string, sid: unknown): Record<string, unknown> {
  return { sub, sid, aud: 'cairn-staff', iss: 'cairn', iat: now(), exp: now() + TTL };
}

async function me(token: string) {
  return request(app.getHttpServer()).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
}

async function expectRefused(token: string, reason: string): Promise<void> {
  const res = await me(token);
  expectProblem(res, 401);
  const denied = await demo.auditEvents(`action = 'access.denied' AND request_id = $1`, [res.headers['x-request-id']]);
  expect(denied).toHaveLength(1);
  expect(denied[0]).toMatchObject({ outcome: 'denied', organization_id: null, resource_id: 'GET /api/v1/me' });
  expect(denied[0]!['reason']).toContain(reason);
}

describe('access tokens signed with the real key', () => {
  let sub: string;
  let sid: string;
  beforeAll(async () => {
    ({ sub, sid } = claimsOf((await login(app, 'admin@sonoran.cairn.test')).accessToken));
  });

  it("accepts a minted token with the claims TokenService issues for a live session (so the refusals below are the claims')", async () => {
    expect((await me(mint(issued(sub, sid)))).status).toBe(200);
  });

  it.each([
    ['without sid', { sid: undefined }, 'no session id (sid)'],
    ['with "sid": null', { sid: null }, 'no session id (sid)'],
    ['with "sid": ""', { sid: '' }, 'sid is not a session id'],
    ['with a sid that is not a UUID', { sid: 'not-a-session' }, 'sid is not a session id'],
    ['with a sub that is not a UUID', { sub: 'admin' }, 'sub is not a staff user id'],
    ['without exp', { exp: undefined }, 'no expiry time (exp)'],
    ['without iat', { iat: undefined }, 'no issue time (iat)'],
    ['with exp a day ahead', { exp: now() + 86_400 }, 'lifetime (exp - iat) longer than JWT_ACCESS_TTL_SECONDS'],
    [
      'issued a day ago and valid for two',
      { iat: now() - 86_400, exp: now() + 86_400 },
      'lifetime (exp - iat) longer than JWT_ACCESS_TTL_SECONDS',
    ],
    ['issued in the future', { iat: now() + 3600, exp: now() + 3600 + TTL }, 'issued in the future'],
    ['without aud', { aud: undefined }, 'audience invalid'],
    ["with another service's aud", { aud: 'cairn-portal' }, 'audience invalid'],
    ['without iss', { iss: undefined }, 'issuer invalid'],
    ['with another iss', { iss: 'somebody-else' }, 'issuer invalid'],
  ])('refuses a token %s with 401 and an audited denial', async (_what, change, reason) => {
    const claims = { ...issued(sub, sid), ...change } as Record<string, unknown>;
    for (const key of Object.keys(claims)) if (claims[key] === undefined) delete claims[key];
    await expectRefused(mint(claims), reason);
  });

  it('refuses a well-formed sid that names no session', async () => {
    await expectRefused(mint(issued(sub, randomUUID())), 'session ended or no active access');
  });

  it("refuses the sid of another user's live session", async () => {
    const other = claimsOf((await login(app, 'clinician@sonoran.cairn.test')).accessToken);
    await expectRefused(mint(issued(sub, other.sid)), 'session ended or no active access');
  });

  it('refuses a session whose refresh tokens have all expired', async () => {
    // A new login, never used against the API (so no grants of it are cached), whose refresh token then expires.
    const s = claimsOf((await login(app, 'supervisor@sonoran.cairn.test')).accessToken);
    await demo.owner.query(`UPDATE pf_refresh_tokens SET expires_at = now() - interval '1 second' WHERE family_id = $1`, [s.sid]);
    await expectRefused(mint(issued(s.sub, s.sid)), 'session ended or no active access');
  });

  it('refuses a minted token once its session is logged out', async () => {
    const session = await login(app, 'manager@sonoran.cairn.test');
    const { sub: user, sid: live } = claimsOf(session.accessToken);
    const token = mint(issued(user, live));
    expect((await me(token)).status).toBe(200);
    expect(
      (await request(app.getHttpServer()).post('/api/v1/auth/logout').set('Authorization', `Bearer ${session.accessToken}`)).status,
    ).toBe(204);
    await expectRefused(token, 'session ended or no active access');
  });
});
