import { createHash } from 'node:crypto';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';

import { AppConfig, CONFIG } from '@cairn/platform/config';

import { AccessRedis } from './redis.provider';

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

  private keys(email: string, ip: string): [string, string] {
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    return [`cairn:login-fail:acct:${account}`, `cairn:login-fail:ip:${ip}`];
  }

  async check(email: string, ip: string): Promise<ThrottleState> {
    const [acct, ipKey] = this.keys(email, ip);
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

  async recordFailure(email: string, ip: string): Promise<void> {
    const window = this.config.LOGIN_THROTTLE_WINDOW_SECONDS;
    const [acct, ipKey] = this.keys(email, ip);
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

  async recordSuccess(email: string): Promise<void> {
    const [acct] = this.keys(email, '-');
    const redis = await this.redis.ready().catch(() => null);
    await redis?.del(acct).catch(() => undefined);
  }
}
