import { randomUUID } from 'node:crypto';

import { checkAccessTokenClaims, CLOCK_SKEW_SECONDS } from './access-token-claims';

const NOW = 1_800_000_000;
const TTL = 900;
const sub = randomUUID();
const sid = randomUUID();
/** What TokenService issues: issued now, expiring after the TTL. */
const issued = { sub, sid, aud: 'cairn-staff', iss: 'cairn', iat: NOW, exp: NOW + TTL };
const check = (payload: unknown) => checkAccessTokenClaims(payload, { nowSeconds: NOW, ttlSeconds: TTL });
const reasonFor = (payload: unknown) => {
  const r = check(payload);
  return r.ok ? undefined : r.reason;
};

describe('checkAccessTokenClaims', () => {
  it('accepts the claims TokenService issues', () => {
    expect(check(issued)).toEqual({ ok: true, user: { userId: sub, sessionId: sid } });
  });

  it('accepts a token issued moments ago by a clock slightly ahead, and one about to expire', () => {
    expect(check({ ...issued, iat: NOW + 5, exp: NOW + 5 + TTL }).ok).toBe(true);
    expect(check({ ...issued, iat: NOW - TTL + 1, exp: NOW + 1 }).ok).toBe(true);
  });

  it('returns the ids in lower case, as the session cache and its invalidations name them', () => {
    expect(check({ ...issued, sub: sub.toUpperCase(), sid: sid.toUpperCase() })).toEqual({
      ok: true,
      user: { userId: sub, sessionId: sid },
    });
  });

  it.each([
    ['no sid', { ...issued, sid: undefined }, 'no session id (sid)'],
    ['a null sid', { ...issued, sid: null }, 'no session id (sid)'],
    ['an empty sid', { ...issued, sid: '' }, 'sid is not a session id'],
    ['a sid that is not a UUID', { ...issued, sid: 'session-1' }, 'sid is not a session id'],
    ['a numeric sid', { ...issued, sid: 42 }, 'sid is not a session id'],
    ['no sub', { ...issued, sub: undefined }, 'sub is not a staff user id'],
    ['a sub that is not a UUID', { ...issued, sub: 'admin' }, 'sub is not a staff user id'],
    ['no aud', { ...issued, aud: undefined }, 'aud is not cairn-staff'],
    ['another aud', { ...issued, aud: 'cairn-portal' }, 'aud is not cairn-staff'],
    ['an aud list', { ...issued, aud: ['cairn-staff', 'other'] }, 'aud is not cairn-staff'],
    ['no iss', { ...issued, iss: undefined }, 'iss is not cairn'],
    ['another iss', { ...issued, iss: 'someone-else' }, 'iss is not cairn'],
    ['no exp', { ...issued, exp: undefined }, 'no expiry time (exp)'],
    ['a string exp', { ...issued, exp: String(NOW + 60) }, 'no expiry time (exp)'],
    ['no iat', { ...issued, iat: undefined }, 'no issue time (iat)'],
    ['an exp in the past', { ...issued, iat: NOW - TTL - 1, exp: NOW - 1 }, 'expired'],
    [
      'an iat in the future',
      { ...issued, iat: NOW + CLOCK_SKEW_SECONDS + 1, exp: NOW + CLOCK_SKEW_SECONDS + 1 + TTL },
      'issued in the future',
    ],
    [
      'a lifetime beyond the TTL',
      { ...issued, iat: NOW - 60, exp: NOW - 60 + TTL + 1 },
      'lifetime (exp - iat) longer than JWT_ACCESS_TTL_SECONDS (900)',
    ],
    ['a year-long lifetime', { ...issued, exp: NOW + 365 * 86400 }, 'lifetime (exp - iat) longer than JWT_ACCESS_TTL_SECONDS (900)'],
    [
      'an old iat with an exp far ahead',
      { ...issued, iat: NOW - 86400, exp: NOW + 86400 },
      'lifetime (exp - iat) longer than JWT_ACCESS_TTL_SECONDS (900)',
    ],
  ])('refuses %s', (_what, payload, reason) => {
    expect(reasonFor(payload)).toBe(reason);
  });

  it('refuses a payload that is not an object', () => {
    for (const payload of [null, 'x', 42, [issued]]) expect(reasonFor(payload)).toBe('the payload is not a JSON object');
  });
});
