import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureRedis, hasRedisServer, probeRedis, REDIS_HELP, startRedisServer } from './local-redis';
import { freePort, portInUse } from './probes';

const machineRedis = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';

describe('local Redis', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'cairn-redis-spec-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses a Redis that answers at the URL and starts nothing', async () => {
    expect(await probeRedis(machineRedis)).toBe('ok');
    const choice = await ensureRedis({
      url: machineRedis,
      dir,
      canStartServer: () => {
        throw new Error('must not start a server');
      },
    });
    expect(choice).toEqual({ url: machineRedis });
  });

  it('stops with directions to get Redis when none answers and redis-server is not installed', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    await expect(ensureRedis({ url, dir, canStartServer: () => false })).rejects.toThrow(REDIS_HELP);
  });

  it('does not try to start a server for a Redis on another host', async () => {
    await expect(ensureRedis({ url: 'redis://cairn-no-such-host.invalid:6379', dir, canStartServer: () => true })).rejects.toThrow(
      'Nothing answers at REDIS_URL',
    );
  });

  it("reports the server's error reply instead of starting a second server on its port", async () => {
    const u = new URL(machineRedis);
    u.password = 'wrong-password';
    await expect(ensureRedis({ url: u.toString(), dir, canStartServer: () => true })).rejects.toThrow(
      /answered with an error: .*(AUTH|password)/i,
    );
  });

  (hasRedisServer() ? it : it.skip)('starts redis-server on the URL port when none answers, and stops it again', async () => {
    const port = await freePort();
    const choice = await ensureRedis({ url: `redis://127.0.0.1:${port}`, dir });
    expect(choice.url).toBe(`redis://127.0.0.1:${port}`);
    expect(choice.started).toBeDefined();
    expect(await probeRedis(choice.url)).toBe('ok');
    await choice.started!.stop();
    expect(await portInUse(port)).toBe(false);
  });

  (hasRedisServer() ? it : it.skip)('refuses to start redis-server on a port that is taken', async () => {
    const u = new URL(machineRedis);
    await expect(startRedisServer(Number(u.port || 6379), dir)).rejects.toThrow('already in use');
  });
});
