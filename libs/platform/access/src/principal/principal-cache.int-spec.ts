import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';

import { AppConfig, loadConfig } from '@cairn/platform/config';
import type { RoleGrant } from '@cairn/platform/tenancy';

import { AccessRedis } from '../auth/redis.provider';
import { PrincipalCache } from './principal-cache';

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

  it('drops an ended session in every process, not only the one that ended it', async () => {
    const [a, b] = [await processCache(), await processCache()];
    const [user, session] = [randomUUID(), randomUUID()];
    a.set(user, session, grants);
    b.set(user, session, grants);
    await a.invalidateSession(session);
    expect(a.get(user, session)).toBeUndefined();
    await until(() => b.get(user, session) === undefined, 'the other process to drop the session');
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
