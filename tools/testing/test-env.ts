import { join } from 'node:path';

/** The variable through which global setup tells the test workers and global teardown where TestEnv is. */
export const TEST_ENV_FILE_VAR = 'CAIRN_TEST_ENV_FILE';

/** Where the int tier's global setup leaves the URLs of the database it created for this run (tmp/ is gitignored). */
export function testEnvFileFor(database: string): string {
  return join(__dirname, '..', '..', 'tmp', `${database}.json`);
}

export function testEnvFile(): string {
  const file = process.env[TEST_ENV_FILE_VAR];
  if (!file)
    throw new Error(`${TEST_ENV_FILE_VAR} is not set: run integration tests through jest's int project (its global setup sets it)`);
  return file;
}

export interface TestEnv {
  /** Superuser on this run's database. */
  adminUrl: string;
  /** Superuser on the server's maintenance database: creates and drops databases. */
  serverAdminUrl: string;
  ownerUrl: string;
  appUrl: string;
  database: string;
  redisUrl: string;
}

export const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function adminUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env['TEST_DATABASE_ADMIN_URL'] || env['DATABASE_URL'] || DEFAULT_ADMIN_URL;
}

/**
 * The int tier's own connections, as tools/testing/setup-env.ts set them for this worker: test support reads them
 * here, in one place, instead of each helper reaching into process.env.
 */
export function testOwnerUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env['DATABASE_OWNER_URL'];
}

export function testRedisUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env['REDIS_URL'] || DEFAULT_REDIS_URL;
}

/** The environment a child process of a test starts with: this worker's, with `overrides` on top. */
export function childProcessEnv(overrides: NodeJS.ProcessEnv, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, ...overrides };
}
