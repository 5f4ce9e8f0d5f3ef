import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dropDatabase } from '../db/provision';
import { TEST_ENV_FILE, TestEnv } from './test-env';

export default async function globalTeardown(): Promise<void> {
  if (!existsSync(TEST_ENV_FILE)) return;
  const env = JSON.parse(readFileSync(TEST_ENV_FILE, 'utf8')) as TestEnv;
  if (process.env['CAIRN_KEEP_TEST_DB'] !== '1') await dropDatabase(env.serverAdminUrl, env.database);
  rmSync(TEST_ENV_FILE, { force: true });
}
