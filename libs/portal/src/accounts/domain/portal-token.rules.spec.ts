import { randomUUID } from 'node:crypto';

import { checkPortalTokenClaims } from './portal-token.rules';

const NOW = 1_800_000_000;
const TTL = 900;
const issued = {
  sub: randomUUID(),
  sid: randomUUID(),
  org: randomUUID(),
  pid: randomUUID(),
  aud: 'cairn-portal',
  iss: 'cairn',
  iat: NOW,
  exp: NOW + TTL,
};
const reason = (payload: unknown) => {
  const r = checkPortalTokenClaims(payload, { nowSeconds: NOW, ttlSeconds: TTL });
  return r.ok ? undefined : r.reason;
};

describe('checkPortalTokenClaims', () => {
  it('accepts the claims the portal issues', () => {
    expect(checkPortalTokenClaims(issued, { nowSeconds: NOW, ttlSeconds: TTL })).toEqual({
      ok: true,
      client: { accountId: issued.sub, sessionId: issued.sid, organizationId: issued.org, patientId: issued.pid },
    });
  });

  it.each([
    [
      'a staff token (audience cairn-staff, no org or pid)',
      { sub: issued.sub, sid: issued.sid, aud: 'cairn-staff', iss: 'cairn', iat: NOW, exp: NOW + TTL },
      'org is not an id',
    ],
    ['a staff audience', { ...issued, aud: 'cairn-staff' }, 'aud is not cairn-portal'],
    ['another issuer', { ...issued, iss: 'x' }, 'iss is not cairn'],
    ['an expired token', { ...issued, iat: NOW - TTL - 5, exp: NOW - 5 }, 'expired'],
    ['a lifetime beyond the TTL', { ...issued, exp: NOW + TTL + 60 }, 'lifetime longer than JWT_ACCESS_TTL_SECONDS'],
    ['a patient id that is not a UUID', { ...issued, pid: 'p1' }, 'pid is not an id'],
    ['no times', { ...issued, iat: undefined }, 'no issue or expiry time'],
  ])('refuses %s', (_what, payload, expected) => {
    expect(reason(payload)).toBe(expected);
  });
});
