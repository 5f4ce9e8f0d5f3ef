import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyMigrations } from '../db/migrations';
import { provisionDatabase } from '../db/provision';
import { seedDemoData } from '../seed/seed-demo-data';
import { adminUrlFromEnv, TEST_ENV_FILE, TestEnv } from './test-env';

/**
 * Global setup of the int tier: a fresh database for this run (provisioned with the owner and app roles,
 * migrated, loaded with the small demo data set), dropped by global-teardown.ts.
 */
export default async function globalSetup(): Promise<void> {
  const serverAdminUrl = adminUrlFromEnv();
  const database = `cairn_test_${process.pid}_${Date.now().toString(36)}`;
  const db = await provisionDatabase({ adminUrl: serverAdminUrl, database });
  await applyMigrations(db.ownerUrl);
  await seedDemoData({ ownerUrl: db.ownerUrl, scale: 'small', seed: 1 });
  const env: TestEnv = { ...db, serverAdminUrl, redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' };
  mkdirSync(dirname(TEST_ENV_FILE), { recursive: true });
  writeFileSync(TEST_ENV_FILE, JSON.stringify(env, null, 2));
}
