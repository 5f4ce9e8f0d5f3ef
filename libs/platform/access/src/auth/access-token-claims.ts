import { idKey } from '@cairn/platform/kernel';

import { JWT_AUDIENCE, JWT_ISSUER } from './token.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How far the API's clock may be behind the clock that issued a token. */
export const CLOCK_SKEW_SECONDS = 30;

export interface AuthenticatedUser {
  userId: string;
  sessionId: string;
}

export type AccessTokenCheck = { ok: true; user: AuthenticatedUser } | { ok: false; reason: string };

/**
 * The claims an access token must carry beyond a valid signature: the staff user (`sub`) and the session it
 * belongs to (`sid`, both UUIDs), our audience and issuer, and an issue and expiry time no further apart, and no
 * further ahead, than the configured lifetime (a token minted with a signing key must not outlive its session
 * or the TTL). Ids are returned in lower case, the form the session cache and its invalidations use.
 */
export function checkAccessTokenClaims(payload: unknown, opts: { nowSeconds: number; ttlSeconds: number }): AccessTokenCheck {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return refuse('the payload is not a JSON object');
  const claims = payload as Record<string, unknown>;
  const { sub, sid, aud, iss, iat, exp } = claims;
  if (typeof sub !== 'string' || !UUID.test(sub)) return refuse('sub is not a staff user id');
  if (sid === undefined || sid === null) return refuse('no session id (sid)');
  if (typeof sid !== 'string' || !UUID.test(sid)) return refuse('sid is not a session id');
  if (aud !== JWT_AUDIENCE) return refuse(`aud is not ${JWT_AUDIENCE}`);
  if (iss !== JWT_ISSUER) return refuse(`iss is not ${JWT_ISSUER}`);
  if (!isTime(exp)) return refuse('no expiry time (exp)');
  if (!isTime(iat)) return refuse('no issue time (iat)');
  const { nowSeconds: now, ttlSeconds: ttl } = opts;
  if (exp <= now) return refuse('expired');
  if (iat > now + CLOCK_SKEW_SECONDS) return refuse('issued in the future');
  if (exp - iat > ttl) return refuse(`lifetime (exp - iat) longer than JWT_ACCESS_TTL_SECONDS (${ttl})`);
  if (exp - now > ttl + CLOCK_SKEW_SECONDS) return refuse(`expires more than JWT_ACCESS_TTL_SECONDS (${ttl}) from now`);
  return { ok: true, user: { userId: idKey(sub), sessionId: idKey(sid) } };
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function refuse(reason: string): AccessTokenCheck {
  return { ok: false, reason };
}
