import { createHash } from 'node:crypto';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';

import { AppConfig, CONFIG } from '@cairn/platform/config';

import { AccessRedis } from './redis.provider';

/** Whose sign-in is counted: staff (POST /auth/login) or portal clients (POST /portal/auth/login). */
export type LoginRealm = 'staff' | 'portal';

/**
 * The Redis key prefix of one installation's failed-login counters (QUEUE_PREFIX, as its queues: two installations
 * sharing a Redis do not lock each other's accounts out). Keys are `<prefix>:acct:<sha256 of the email>` and
 * `<prefix>:ip:<ip>`.
 */
export function loginFailurePrefix(installation: string, realm: LoginRealm): string {
  return `${installation}:${realm === 'staff' ? 'login-fail' : 'portal-login-fail'}`;
}

export interface ThrottleState {
  blocked: boolean;
  retryAfterSeconds: number;
}

/**
 * Counts failed logins per account and per client IP in Redis (shared by every API instance) over a fixed
 * window. An account or IP over its limit is refused before its password is checked.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly redis: AccessRedis,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Staff and portal sign-ins count apart (a client's failures never lock out a staff member's email, nor back). */
  private keys(email: string, ip: string, realm: LoginRealm): [string, string] {
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    const prefix = loginFailurePrefix(this.config.QUEUE_PREFIX, realm);
    return [`${prefix}:acct:${account}`, `${prefix}:ip:${ip}`];
  }

  async check(email: string, ip: string, realm: LoginRealm = 'staff'): Promise<ThrottleState> {
    const [acct, ipKey] = this.keys(email, ip, realm);
    try {
      const redis = await this.redis.ready();
      const [[, a], [, i], [, ttlA], [, ttlI]] = (await redis.multi().get(acct).get(ipKey).ttl(acct).ttl(ipKey).exec()) as [
        unknown,
        string | null,
      ][] &
        [unknown, number][];
      const overAcct = Number(a ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT;
      const overIp = Number(i ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_IP;
      const retry = Math.max(overAcct ? Number(ttlA) : 0, overIp ? Number(ttlI) : 0, 1);
      return { blocked: overAcct || overIp, retryAfterSeconds: retry };
    } catch {
      throw new ServiceUnavailableException('Sign-in is temporarily unavailable; try again shortly.');
    }
  }

  async recordFailure(email: string, ip: string, realm: LoginRealm = 'staff'): Promise<void> {
    const window = this.config.LOGIN_THROTTLE_WINDOW_SECONDS;
    const [acct, ipKey] = this.keys(email, ip, realm);
    const redis = await this.redis.ready().catch(() => null);
    if (!redis) return;
    await redis
      .multi()
      .incr(acct)
      .expire(acct, window, 'NX')
      .incr(ipKey)
      .expire(ipKey, window, 'NX')
      .exec()
      .catch(() => undefined);
  }

  async recordSuccess(email: string, realm: LoginRealm = 'staff'): Promise<void> {
    const [acct] = this.keys(email, '-', realm);
    const redis = await this.redis.ready().catch(() => null);
    await redis?.del(acct).catch(() => undefined);
  }
}
