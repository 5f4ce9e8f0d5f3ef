import { readFileSync } from 'node:fs';

import { DEFAULT_REDIS_URL, TestEnv, testEnvFile } from './test-env';

// Runs in every int-tier test worker before the tests: point the code under test at this run's database.
const env = JSON.parse(readFileSync(testEnvFile(), 'utf8')) as TestEnv;
process.env['DATABASE_URL'] = env.appUrl;
process.env['DATABASE_OWNER_URL'] = env.ownerUrl;
process.env['DATABASE_ADMIN_URL'] = env.adminUrl;
process.env['TEST_SERVER_ADMIN_URL'] = env.serverAdminUrl;
process.env['REDIS_URL'] = env.redisUrl || DEFAULT_REDIS_URL;
process.env['NODE_ENV'] = 'test';
// BullMQ keys of this run apart from every other run and from `npm start` on the shared Redis.
process.env['QUEUE_PREFIX'] = `cairn-test-${env.database}`;
process.env['LOG_LEVEL'] = process.env['TEST_LOG_LEVEL'] ?? 'silent';
