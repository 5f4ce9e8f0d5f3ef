import { idKey } from '@cairn/platform/kernel';

/** The audience of portal access tokens: staff routes accept only `cairn-staff`, portal routes only this. */
export const PORTAL_JWT_AUDIENCE = 'cairn-portal';
export const PORTAL_JWT_ISSUER = 'cairn';
export const PORTAL_CLOCK_SKEW_SECONDS = 30;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a portal access token says: the account (`sub`), its session (`sid`), organization (`org`) and patient (`pid`). */
export interface PortalTokenClaims {
  sub: string;
  sid: string;
  org: string;
  pid: string;
}

export interface PortalTokenSubject {
  accountId: string;
  sessionId: string;
  organizationId: string;
  patientId: string;
}

export type PortalTokenCheck = { ok: true; client: PortalTokenSubject } | { ok: false; reason: string };

/**
 * The claims a portal access token must carry beyond a valid signature: four UUIDs, the portal audience and our
 * issuer, and a lifetime no longer than the configured one. A staff token fails on its audience and on `org`/`pid`.
 */
export function checkPortalTokenClaims(payload: unknown, opts: { nowSeconds: number; ttlSeconds: number }): PortalTokenCheck {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return { ok: false, reason: 'the payload is not a JSON object' };
  const { sub, sid, org, pid, aud, iss, iat, exp } = payload as Record<string, unknown>;
  for (const [name, value] of [
    ['sub', sub],
    ['sid', sid],
    ['org', org],
    ['pid', pid],
  ] as const) {
    if (typeof value !== 'string' || !UUID.test(value)) return { ok: false, reason: `${name} is not an id` };
  }
  if (aud !== PORTAL_JWT_AUDIENCE) return { ok: false, reason: `aud is not ${PORTAL_JWT_AUDIENCE}` };
  if (iss !== PORTAL_JWT_ISSUER) return { ok: false, reason: `iss is not ${PORTAL_JWT_ISSUER}` };
  if (typeof exp !== 'number' || typeof iat !== 'number') return { ok: false, reason: 'no issue or expiry time' };
  const { nowSeconds: now, ttlSeconds: ttl } = opts;
  if (exp <= now) return { ok: false, reason: 'expired' };
  if (iat > now + PORTAL_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'issued in the future' };
  if (exp - iat > ttl) return { ok: false, reason: 'lifetime longer than JWT_ACCESS_TTL_SECONDS' };
  return {
    ok: true,
    client: {
      accountId: idKey(sub as string),
      sessionId: idKey(sid as string),
      organizationId: idKey(org as string),
      patientId: idKey(pid as string),
    },
  };
}
