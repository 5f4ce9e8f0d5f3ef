import { randomUUID } from 'node:crypto';

import { AppConfig, loadConfig } from '@cairn/platform/config';

import { LoginThrottle } from './login-throttle';
import { AccessRedis } from './redis.provider';

// Failed-login counters live in the installation's Redis namespace (QUEUE_PREFIX): two installations sharing one
// Redis must not lock each other's accounts or addresses out, and staff and portal sign-ins count apart.
const open: AccessRedis[] = [];

function throttle(overrides: Partial<AppConfig> = {}): LoginThrottle {
  const config = Object.assign(loadConfig(), { LOGIN_MAX_FAILURES_PER_ACCOUNT: 2, LOGIN_MAX_FAILURES_PER_IP: 50, ...overrides });
  const redis = new AccessRedis(config);
  open.push(redis);
  return new LoginThrottle(redis, config);
}

afterAll(async () => {
  for (const redis of open) await redis.onModuleDestroy();
});

describe('LoginThrottle', () => {
  it('blocks an account over its limit in its own installation only', async () => {
    const prefix = loadConfig().QUEUE_PREFIX;
    const mine = throttle();
    const again = throttle();
    const other = throttle({ QUEUE_PREFIX: `${prefix}-other-${randomUUID().slice(0, 8)}` });
    const email = `${randomUUID()}@throttle.test`;
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    expect((await mine.check(email, ip)).blocked).toBe(false);
    await mine.recordFailure(email, ip);
    await mine.recordFailure(email, ip);
    // Another API process of the same installation sees the same counters.
    expect(await again.check(email, ip)).toMatchObject({ blocked: true, retryAfterSeconds: expect.any(Number) });
    // Another installation on the same Redis does not, and neither does the portal's realm.
    expect((await other.check(email, ip)).blocked).toBe(false);
    expect((await mine.check(email, ip, 'portal')).blocked).toBe(false);
  });
});
