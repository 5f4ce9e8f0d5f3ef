/**
 * `@cairn/testing`: the workspace's test support that a library's or an app's TESTS may import (a scratch
 * database of their own, the demo data, free ports, a Redis probe). It lives in tools/ beside the CLIs it shares
 * code with (tools/db, tools/seed, tools/dev), which keep importing these modules directly.
 *
 * Lint (.eslintrc.json, `no-restricted-imports`) lets only test code import it: `*.spec.ts`, `*.int-spec.ts`,
 * `*.e2e-spec.ts` and the files under a library's `test/` or an app's `test/` folder. Production code that
 * imports it fails lint (tools/lint-fixtures/not-ok/production-imports-testing.ts).
 */
export { dropDatabase } from '../db/provision';
export { freePort, httpStatus, waitUntil } from '../dev/probes';
export { probeRedis } from '../dev/local-redis';
export { DEMO_TEST_TODAY, seedDemoData } from '../seed/seed-demo-data';
export { insertGroupSessionFixtures } from './group-session-fixtures';
export { clearLoginCounters } from './login-counters';
export type { GroupSessionFixtureOptions, OwnerQuery } from './group-session-fixtures';
export { createScratchDatabase, ScratchDatabase, uniqueDatabaseName } from './test-db';
export { adminUrlFromEnv, childProcessEnv, DEFAULT_REDIS_URL, testOwnerUrl, testRedisUrl } from './test-env';
export { SseClient } from './sse-client';
export { TcpProxy } from './tcp-proxy';
export type { SseEvent } from './sse-client';
export { toneWav } from './wav';
export * as portalBrowser from './portal-browser';
export { noSidewaysScroll } from './browser-checks';
