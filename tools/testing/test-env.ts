import { join } from 'node:path';

/** Where the int tier's global setup leaves the URLs of the database it created for this run. */
export const TEST_ENV_FILE = join(__dirname, '..', '..', 'tmp', `test-env-${process.env['CAIRN_TEST_RUN_ID'] ?? 'local'}.json`);

export interface TestEnv {
  adminUrl: string;
  serverAdminUrl: string;
  ownerUrl: string;
  appUrl: string;
  database: string;
  redisUrl: string;
}

export function adminUrlFromEnv(): string {
  return process.env['TEST_DATABASE_ADMIN_URL'] ?? process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}
