import Redis from 'ioredis';

import { loginFailurePrefix } from '@cairn/platform/access';

/**
 * Clears one installation's failed-login counters (staff and portal; QUEUE_PREFIX names the installation), so one
 * test's failures do not throttle the next. Other installations on the same Redis keep theirs.
 */
export async function clearLoginCounters(redisUrl: string, installation: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const keys = [
      ...(await redis.keys(`${loginFailurePrefix(installation, 'staff')}:*`)),
      ...(await redis.keys(`${loginFailurePrefix(installation, 'portal')}:*`)),
    ];
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
