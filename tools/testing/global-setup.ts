import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { DEMO_TEST_TODAY, seedDemoData } from '../seed/seed-demo-data';
import { createScratchDatabase } from './test-db';
import { adminUrlFromEnv, DEFAULT_REDIS_URL, TEST_ENV_FILE_VAR, TestEnv, testEnvFileFor } from './test-env';

/**
 * Global setup of the int tier: a fresh database for this run (cairn_test_<pid>_<time>, provisioned with the
 * owner and app roles, migrated, loaded with the small demo data set), dropped by global-teardown.ts. Its
 * URLs go to a JSON file under tmp/ whose path reaches the workers through CAIRN_TEST_ENV_FILE, so that
 * concurrent runs never share or delete each other's file.
 */
export default async function globalSetup(): Promise<void> {
  const serverAdminUrl = adminUrlFromEnv();
  const db = await createScratchDatabase({ prefix: 'cairn_test', migrate: true, serverAdminUrl });
  try {
    await seedDemoData({ ownerUrl: db.ownerUrl, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });
    const env: TestEnv = {
      adminUrl: db.adminUrl,
      serverAdminUrl,
      ownerUrl: db.ownerUrl,
      appUrl: db.appUrl,
      database: db.database,
      redisUrl: process.env['REDIS_URL'] || DEFAULT_REDIS_URL,
    };
    const file = testEnvFileFor(db.database);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(env, null, 2));
    // Workers are started after global setup and inherit this environment.
    process.env[TEST_ENV_FILE_VAR] = file;
  } catch (e) {
    await db.drop().catch(() => undefined);
    throw e;
  }
}
