import { existsSync, readFileSync, rmSync } from 'node:fs';

import { dropDatabase } from '../db/provision';
import { TEST_ENV_FILE_VAR, TestEnv } from './test-env';

/** Drops this run's database (kept when CAIRN_KEEP_TEST_DB=1, to inspect it) and removes its env file. */
export default async function globalTeardown(): Promise<void> {
  const file = process.env[TEST_ENV_FILE_VAR];
  if (!file || !existsSync(file)) return;
  const env = JSON.parse(readFileSync(file, 'utf8')) as TestEnv;
  if (process.env['CAIRN_KEEP_TEST_DB'] === '1') {
    console.log(`\nKept test database ${env.database} (CAIRN_KEEP_TEST_DB=1): ${env.ownerUrl}`);
  } else {
    await dropDatabase(env.serverAdminUrl, env.database);
  }
  rmSync(file, { force: true });
}
