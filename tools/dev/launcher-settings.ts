import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

import { MAX_PROCESSES, processesArgument } from '@cairn/platform/http';

import { DEFAULT_REDIS_URL } from './local-redis';

/** What `npm start` reads from the environment (the apps' own variables are validated by loadConfig). */
export interface LauncherSettings {
  /** Admin URL of a PostgreSQL server to use instead of the embedded one. */
  databaseUrl?: string;
  /** Where the embedded PostgreSQL and a started redis-server keep their files. */
  dataDir: string;
  pgPort: number;
  redisUrl: string;
  apiPort: number;
  workerPort: number;
  staffWebPort: number;
  portalWebPort: number;
  /** Seconds to wait for each app's /health before giving up. */
  startTimeoutSeconds: number;
  /** API processes (sharing apiPort) and worker processes (on workerPort, workerPort + 1, ...): `--processes N`, else API_PROCESSES / WORKER_PROCESSES. */
  apiProcesses: number;
  workerProcesses: number;
}

export class LauncherSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings for npm start:\n  - ${problems.join('\n  - ')}`);
    this.name = 'LauncherSettingsError';
  }
}

export function readLauncherSettings(
  env: Record<string, string | undefined>,
  root: string,
  argv: readonly string[] = [],
): LauncherSettings {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const port = (name: string, fallback: number) => int(name, fallback, 1, 65535);
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol))
        problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got ${u.protocol}//)`);
    } catch {
      problems.push(`${name} is not a URL`);
    }
    return raw;
  };
  const dataDir = env['CAIRN_DATA_DIR']?.trim() || '.data';
  const settings: LauncherSettings = {
    databaseUrl: url('DATABASE_URL', ['postgresql:', 'postgres:']),
    dataDir: isAbsolute(dataDir) ? dataDir : join(root, dataDir),
    pgPort: port('CAIRN_PG_PORT', 54329),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']) ?? DEFAULT_REDIS_URL,
    apiPort: port('API_PORT', 3000),
    workerPort: port('WORKER_PORT', 3001),
    staffWebPort: port('STAFF_WEB_PORT', 4200),
    portalWebPort: port('PORTAL_WEB_PORT', 4300),
    startTimeoutSeconds: int('CAIRN_START_TIMEOUT_SECONDS', 120, 5, 3600),
    apiProcesses: int('API_PROCESSES', 1, 1, MAX_PROCESSES),
    workerProcesses: int('WORKER_PROCESSES', 1, 1, MAX_PROCESSES),
  };
  const processes = processesArgument(argv);
  if (processes.error) problems.push(processes.error);
  else if (processes.processes) settings.apiProcesses = settings.workerProcesses = processes.processes;
  if (settings.workerPort + settings.workerProcesses - 1 > 65535)
    problems.push(`WORKER_PORT ${settings.workerPort} leaves no room for ${settings.workerProcesses} worker processes (one port each)`);
  const ports = [
    ['API_PORT', settings.apiPort],
    ...Array.from(
      { length: settings.workerProcesses },
      (_, i) => [i === 0 ? 'WORKER_PORT' : `WORKER_PORT + ${i}`, settings.workerPort + i] as const,
    ),
    ['STAFF_WEB_PORT', settings.staffWebPort],
    ['PORTAL_WEB_PORT', settings.portalWebPort],
    ...(settings.databaseUrl ? [] : [['CAIRN_PG_PORT', settings.pgPort] as const]),
  ] as const;
  for (let i = 0; i < ports.length; i++) {
    for (let j = i + 1; j < ports.length; j++) {
      if (ports[i]![1] === ports[j]![1])
        problems.push(`${ports[i]![0]} and ${ports[j]![0]} are both ${ports[i]![1]}: give each its own port`);
    }
  }
  if (problems.length > 0) throw new LauncherSettingsError(problems);
  return settings;
}

/** Databases we never provision into: `DATABASE_URL=.../postgres` names the server, not the app's database. */
const MAINTENANCE_DATABASES = new Set(['', 'postgres', 'template0', 'template1']);

/**
 * Splits DATABASE_URL into the server's admin URL (on the `postgres` maintenance database, since the app's
 * database may not exist yet) and the database to provision: the URL's own, or `cairn` when it names none.
 */
export function databaseTarget(databaseUrl: string, fallback = 'cairn'): { serverAdminUrl: string; database: string } {
  const u = new URL(databaseUrl);
  const named = decodeURIComponent(u.pathname.replace(/^\//, ''));
  u.pathname = '/postgres';
  return { serverAdminUrl: u.toString(), database: MAINTENANCE_DATABASES.has(named) ? fallback : named };
}

/** The file in the data dir that keeps this installation's access-token signing secret. */
export const SIGNING_SECRET_FILE = 'jwt-secret';

export interface SigningSecret {
  secret: string;
  /** Where it came from: JWT_SECRET, a file made now, or the file an earlier start made. */
  source: 'environment' | 'created' | 'reused';
  file?: string;
}

/**
 * The secret the API signs access tokens with: JWT_SECRET when set, else this installation's own, made at random
 * on the first `npm start` and kept in `<dataDir>/jwt-secret` (owner-only, 0600) so that sessions survive a
 * restart. Never a value shipped with Cairn: anyone could sign tokens with that (the API refuses them).
 */
export function signingSecret(env: Record<string, string | undefined>, dataDir: string): SigningSecret {
  const fromEnv = env['JWT_SECRET'];
  if (fromEnv !== undefined && fromEnv !== '') return { secret: fromEnv, source: 'environment' };
  const file = join(dataDir, SIGNING_SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': never overwrite, so two starts racing on a fresh data dir cannot end up with different secrets.
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    return { secret: readSecretFile(file), source: 'created', file };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  // Made by an earlier start (or copied in by hand): keep it, but readable by its owner only.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return { secret: readSecretFile(file), source: 'reused', file };
}

function readSecretFile(file: string): string {
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) {
    throw new LauncherSettingsError([
      `${file} does not hold a signing secret of at least 32 characters: delete it and npm start makes a new one (or set JWT_SECRET)`,
    ]);
  }
  return secret;
}
