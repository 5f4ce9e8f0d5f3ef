import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import Redis from 'ioredis';

import { AppConfig, loadConfig } from '@cairn/platform/config';
import type { RoleGrant } from '@cairn/platform/tenancy';

import { AccessRedis } from '../auth/redis.provider';
import { PrincipalCache, principalInvalidationChannels } from './principal-cache';

const grants: RoleGrant[] = [
  {
    organizationId: randomUUID(),
    organizationName: 'Org',
    organizationSlug: 'org',
    roleKey: 'clinician',
    allSites: true,
    siteIds: [],
    permissionKeys: ['patients.view'],
  },
];

const open: { cache: PrincipalCache; redis: AccessRedis }[] = [];

function config(overrides: Partial<AppConfig>): AppConfig {
  return Object.assign(loadConfig(), overrides);
}

/** One API process's cache, with its own Redis connections. */
async function processCache(overrides: Partial<AppConfig> = {}, waitUntilActive = true): Promise<PrincipalCache> {
  const cfg = config(overrides);
  const redis = new AccessRedis(cfg);
  const cache = new PrincipalCache(cfg, redis);
  open.push({ cache, redis });
  if (waitUntilActive) await until(() => cache.active, 'the cache to subscribe');
  return cache;
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

afterEach(async () => {
  for (const { cache, redis } of open.splice(0)) {
    await cache.onModuleDestroy();
    await redis.onModuleDestroy();
  }
});

describe('PrincipalCache', () => {
  it('serves a session’s grants until the TTL runs out', async () => {
    const cache = await processCache({ PRINCIPAL_CACHE_TTL_MS: 150 });
    const [user, session] = [randomUUID(), randomUUID()];
    cache.set(user, session, grants);
    expect(cache.get(user, session)).toEqual(grants);
    await new Promise((r) => setTimeout(r, 200));
    expect(cache.get(user, session)).toBeUndefined();
  });

  it('never serves a session’s grants to another user', async () => {
    const cache = await processCache();
    const session = randomUUID();
    cache.set(randomUUID(), session, grants);
    expect(cache.get(randomUUID(), session)).toBeUndefined();
  });

  it('keeps to its installation: another QUEUE_PREFIX on the same Redis neither hears its announcements nor is waited for', async () => {
    const [a, other] = [await processCache(), await processCache({ QUEUE_PREFIX: `${loadConfig().QUEUE_PREFIX}-other` })];
    const [user, session] = [randomUUID(), randomUUID()];
    a.set(user, session, grants);
    other.set(user, session, grants);
    await a.invalidateSession(session);
    expect(a.get(user, session)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 200));
    expect(other.get(user, session)).toEqual(grants);
  });

  it('drops an ended session in every process, not only the one that ended it', async () => {
    const [a, b] = [await processCache(), await processCache()];
    const [user, session] = [randomUUID(), randomUUID()];
    a.set(user, session, grants);
    b.set(user, session, grants);
    await a.invalidateSession(session);
    expect(a.get(user, session)).toBeUndefined();
    await until(() => b.get(user, session) === undefined, 'the other process to drop the session');
  });

  it('resolves the end of a session only once every subscribed process dropped it', async () => {
    const [a, b, c] = [await processCache(), await processCache(), await processCache()];
    const [user, session] = [randomUUID(), randomUUID()];
    for (const cache of [a, b, c]) cache.set(user, session, grants);
    // Listens to the confirmations as a fourth party (the announcement carries a nonce, the confirmations repeat it).
    const listener = new Redis(loadConfig().REDIS_URL, { maxRetriesPerRequest: 1 });
    const confirmations: string[] = [];
    listener.on('message', (_channel: string, nonce: string) => confirmations.push(nonce));
    await listener.subscribe(principalInvalidationChannels(loadConfig().QUEUE_PREFIX).ack);
    try {
      await a.invalidateSession(session);
      // No waiting here: when a logout answers, no process serves the session any more.
      expect(b.get(user, session)).toBeUndefined();
      expect(c.get(user, session)).toBeUndefined();
      // a, b and c each confirmed (other processes on this Redis, e.g. an API of another run, may have too).
      await until(() => confirmations.length >= 3, 'three confirmations');
      expect(new Set(confirmations).size).toBe(1);
    } finally {
      listener.disconnect();
    }
  });

  it('does not cache grants read before a session ended (a read racing a logout cannot put it back)', async () => {
    const [a, b] = [await processCache(), await processCache()];
    const [user, session] = [randomUUID(), randomUUID()];
    const readAt = b.currentGeneration; // b starts reading the grants from the database...
    await a.invalidateSession(session); // ...while a logout ends the session...
    b.set(user, session, grants, readAt); // ...and b's read, from before the logout, comes back
    expect(b.get(user, session)).toBeUndefined();
    // A read started after it is cached as before.
    const later = b.currentGeneration;
    b.set(user, session, grants, later);
    expect(b.get(user, session)).toEqual(grants);
  });

  it('caches nothing while it cannot hear invalidations (Redis unreachable)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve)); // nothing listens there now
    const cache = await processCache({ REDIS_URL: `redis://127.0.0.1:${port}` }, false);
    const [user, session] = [randomUUID(), randomUUID()];
    cache.set(user, session, grants);
    expect(cache.active).toBe(false);
    expect(cache.get(user, session)).toBeUndefined();
  });

  it('is off when PRINCIPAL_CACHE_TTL_MS is 0', async () => {
    const cache = await processCache({ PRINCIPAL_CACHE_TTL_MS: 0 }, false);
    const [user, session] = [randomUUID(), randomUUID()];
    cache.set(user, session, grants);
    expect(cache.get(user, session)).toBeUndefined();
    await expect(cache.invalidateSession(session)).resolves.toBeUndefined();
  });
});
