import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { Socket } from 'node:net';

import { ManagedProcess } from './managed-process';
import { portInUse, waitUntil } from './probes';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export const REDIS_HELP =
  'Cairn needs Redis. Nothing answers at REDIS_URL and no redis-server is on PATH to start one. Either install Redis ' +
  '(Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`; or `docker run -p 6379:6379 redis:7`) ' +
  'or set REDIS_URL to a Redis you can reach, then run the command again.';

/** 'ok' when the server answers PING, 'down' when nothing answers, else the server's error reply. */
export type RedisProbe = 'ok' | 'down' | { error: string };

/** PINGs a Redis URL with raw RESP (no client library, so it works before anything else is set up). */
export async function probeRedis(url: string, timeoutMs = 1000): Promise<RedisProbe> {
  const u = new URL(url);
  if (u.protocol !== 'redis:') return { error: `only redis:// URLs can be checked before start-up (got ${u.protocol}//)` };
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  return new Promise((resolve) => {
    const s = new Socket();
    let buffered = '';
    const done = (r: RedisProbe) => {
      s.destroy();
      resolve(r);
    };
    s.setTimeout(timeoutMs);
    s.once('connect', () => {
      const auth = password ? `AUTH ${user ? `${user} ` : ''}${password}\r\n` : '';
      s.write(`${auth}PING\r\n`);
    });
    s.on('data', (d) => {
      buffered += d.toString();
      const errorLine = buffered.split('\r\n').find((l) => l.startsWith('-'));
      if (errorLine) done({ error: errorLine.slice(1) });
      else if (buffered.includes('+PONG')) done('ok');
    });
    s.once('timeout', () => done('down'));
    s.once('error', () => done('down'));
    s.connect(Number(u.port || 6379), u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1');
  });
}

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function isLocalHost(hostname: string): boolean {
  return ['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(hostname);
}

export interface RunningRedis {
  url: string;
  stop(): Promise<void>;
}

/** Starts redis-server on 127.0.0.1:port with nothing kept on disk, until stop() or the launcher ends. */
export async function startRedisServer(port: number, dir: string): Promise<RunningRedis> {
  if (await portInUse(port)) throw new Error(`Port ${port} is already in use, so redis-server cannot listen on it.`);
  mkdirSync(dir, { recursive: true });
  const server = new ManagedProcess({
    name: 'redis-server',
    command: 'redis-server',
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
  });
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => void (await server.stop({ signal: 'SIGTERM', timeoutMs: 5_000 }));
  try {
    await waitUntil(async () => (await probeRedis(url, 300)) === 'ok', {
      what: `redis-server on port ${port}`,
      timeoutMs: 15_000,
      intervalMs: 100,
      abort: () =>
        server.running ? undefined : `redis-server stopped while starting. Its last output:\n  ${server.lastLines().join('\n  ')}`,
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, stop };
}

export interface RedisChoice {
  url: string;
  /** Set when we started the server (stop it on the way out). */
  started?: RunningRedis;
}

/**
 * The Redis to use: the one at `url` if it answers; else, if the URL is local and redis-server is installed, one
 * we start (on `startPort`, default the URL's port); else an error saying how to get one.
 */
export async function ensureRedis(opts: {
  url: string;
  dir: string;
  startPort?: number;
  canStartServer?: () => boolean;
}): Promise<RedisChoice> {
  const probe = await probeRedis(opts.url);
  if (probe === 'ok') return { url: opts.url };
  if (probe !== 'down') throw new Error(`Redis at ${redact(opts.url)} answered with an error: ${probe.error}. Check REDIS_URL.`);
  const u = new URL(opts.url);
  if (!isLocalHost(u.hostname))
    throw new Error(`Nothing answers at REDIS_URL ${redact(opts.url)}. Start that Redis or point REDIS_URL at one that runs.`);
  if (!(opts.canStartServer ?? hasRedisServer)()) throw new Error(REDIS_HELP);
  const started = await startRedisServer(opts.startPort ?? Number(u.port || 6379), opts.dir);
  return { url: started.url, started };
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
