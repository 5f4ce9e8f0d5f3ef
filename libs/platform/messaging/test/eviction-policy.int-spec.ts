import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';

import { freePort } from '@cairn/testing';

import { checkEvictionPolicy } from '../src';
import { OwnRedis } from './probe';

// Real services on a machine shared with other test runs: generous time limits; the waits inside have their own.
jest.setTimeout(120_000);

// The start-up check BullMQ's production guide asks for, against a redis-server of the test's own (its
// policy is changed, which must never happen to the shared Redis).
const dir = mkdtempSync(join(tmpdir(), 'cairn-eviction-redis-'));
let server: OwnRedis;
let client: Redis;

function logger() {
  const lines: Array<[string, string]> = [];
  return {
    lines,
    log: (m: string) => void lines.push(['log', m]),
    warn: (m: string) => void lines.push(['warn', m]),
    error: (m: string) => void lines.push(['error', m]),
  };
}

beforeAll(async () => {
  server = new OwnRedis(await freePort(), dir);
  await server.start();
  client = new Redis(server.url, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  client?.disconnect();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('checkEvictionPolicy', () => {
  it('is satisfied by noeviction', async () => {
    const log = logger();
    expect(await checkEvictionPolicy(client, log)).toMatchObject({ ok: true, policy: 'noeviction' });
    expect(log.lines.filter(([level]) => level !== 'log')).toEqual([]);
  });

  it('logs an error naming the policy and the fix when Redis may evict keys', async () => {
    await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const log = logger();
    const result = await checkEvictionPolicy(client, log);
    expect(result).toMatchObject({ ok: false, policy: 'allkeys-lru' });
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]![0]).toBe('error');
    expect(log.lines[0]![1]).toMatch(/maxmemory-policy is "allkeys-lru", not "noeviction".*maxmemory-policy noeviction/);
    await client.config('SET', 'maxmemory-policy', 'noeviction');
  });

  it('warns when the policy cannot be read', async () => {
    const down = new Redis(`redis://127.0.0.1:${await freePort()}`, {
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    down.on('error', () => undefined);
    const log = logger();
    expect(await checkEvictionPolicy(down, log)).toMatchObject({ ok: false, policy: null });
    expect(log.lines[0]![0]).toBe('warn');
    expect(log.lines[0]![1]).toMatch(/Could not read Redis maxmemory-policy/);
    down.disconnect();
  });
});
