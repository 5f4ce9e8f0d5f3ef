import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { obliterateQueues, uniqueQueuePrefix } from '@cairn/platform/messaging/testing';

import { portalWebTests } from '../../apps/portal-web/e2e/portal-web.e2e';
import { batchReviewTests } from '../../apps/staff-web/e2e/batch-review.e2e';
import { findChromium, launchChromium } from '../../apps/staff-web/e2e/browser';
import { chartEncounterTests } from '../../apps/staff-web/e2e/chart-encounters.e2e';
import { dashboardTests } from '../../apps/staff-web/e2e/dashboards.e2e';
import { PageAuditor, runTest, TestOutcome } from '../../apps/staff-web/e2e/harness';
import { peerRecoveryTests } from '../../apps/staff-web/e2e/peer-recovery.e2e';
import { portalCareScenarioTests } from '../../apps/staff-web/e2e/portal-scenarios-care.e2e';
import { portalChangeScenarioTests } from '../../apps/staff-web/e2e/portal-scenarios-change.e2e';
import { portalScenarioTests } from '../../apps/staff-web/e2e/portal-scenarios-crisis.e2e';
import { portalReviewScenarioTests } from '../../apps/staff-web/e2e/portal-scenarios-reviews.e2e';
import { portalSummaryScenarioTests } from '../../apps/staff-web/e2e/portal-scenarios-summaries.e2e';
import { productivitySortingTests } from '../../apps/staff-web/e2e/productivity-sorting.e2e';
import { staffWebTests } from '../../apps/staff-web/e2e/staff-web.e2e';
import { visualTests } from '../../apps/staff-web/e2e/visual.e2e';
import { DEFAULT_REDIS_URL } from '../dev/local-redis';
import { ManagedProcess } from '../dev/managed-process';
import { freePort, httpStatus, waitUntil } from '../dev/probes';
import { runDemoReview } from '../seed/demo-review';
import { DEMO_TEST_TODAY, seedDemoData } from '../seed/seed-demo-data';
import { createScratchDatabase, ScratchDatabase } from './test-db';
import { adminUrlFromEnv } from './test-env';

/**
 * `npm run staff-web:e2e` (and the browser suite of npm test): a scratch database with the demo data on
 * TEST_DATABASE_ADMIN_URL's server (else DATABASE_URL's, else 127.0.0.1:5432), the real API
 * (apps/api/src/main.ts), the real worker (apps/worker/src/main.ts, queues under a prefix of this run's own)
 * and the built staff web and client portal, each served by `vite preview` (proxying /api to that API), each on a free port. Once the
 * worker has generated the demo's documented group sessions, the demo review runs through the API as `npm start`
 * does (approved, rejected and still-pending generations; charges from the worker's charge-creation consumer).
 * The worker keeps running during the tests: the batch-review tests approve and wait for their charges. Then
 * apps/staff-web/e2e/ and apps/portal-web/e2e/ are driven with playwright-core through Debian's chromium. Writes
 * { passed, failed, tests } to `--report <file>`; screenshots and axe results go to test-output/staff-web/ and
 * test-output/portal-web/.
 * No chromium is a failure, never a skip.
 */
const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'test-output', 'staff-web');
const PORTAL_OUT = join(ROOT, 'test-output', 'portal-web');
const VITE_BIN = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const say = (m: string) => console.log(`[browser] ${m}`);

async function main(): Promise<number> {
  const reportAt = process.argv.indexOf('--report');
  const reportFile = reportAt > 0 ? process.argv[reportAt + 1] : undefined;
  const outcomes: TestOutcome[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const finish = (extra?: TestOutcome) => {
    if (extra) outcomes.push(extra);
    const passed = outcomes.filter((o) => o.ok).length;
    const failed = outcomes.length - passed;
    for (const o of outcomes) console.log(`[browser] ${o.ok ? 'ok  ' : 'FAIL'} ${o.name} (${o.ms} ms)${o.error ? `\n${o.error}` : ''}`);
    if (reportFile) writeFileSync(reportFile, JSON.stringify({ passed, failed, tests: outcomes }));
    return failed > 0 || outcomes.length === 0 ? 1 : 0;
  };
  try {
    const executable = findChromium();
    if (!executable) {
      return finish({
        name: 'chromium',
        ok: false,
        ms: 0,
        error: `No chromium found (${process.env['CHROMIUM_PATH'] ? `CHROMIUM_PATH=${process.env['CHROMIUM_PATH']} does not exist` : 'no /usr/bin/chromium'}): install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH.`,
      });
    }
    rmSync(OUT, { recursive: true, force: true });
    rmSync(PORTAL_OUT, { recursive: true, force: true });
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const audit = new PageAuditor(OUT, axeSource);
    const portalAudit = new PageAuditor(PORTAL_OUT, axeSource);

    for (const app of ['staff-web', 'portal-web']) {
      say(`building apps/${app}...`);
      const build = spawnSync(process.execPath, [VITE_BIN, 'build', '--config', `apps/${app}/vite.config.mts`, '--logLevel', 'warn'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      if (build.status !== 0)
        return finish({ name: `build apps/${app}`, ok: false, ms: 0, error: `vite build exited with ${build.status}` });
    }

    say('creating a database with the demo data...');
    const db: ScratchDatabase = await createScratchDatabase({ prefix: 'cairn_browser', migrate: true, serverAdminUrl: adminUrlFromEnv() });
    cleanups.push(() => db.drop());
    await seedDemoData({ ownerUrl: db.ownerUrl, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });

    const [apiPort, workerPort, webPort, portalPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const redisUrl = process.env['REDIS_URL'] || DEFAULT_REDIS_URL;
    // The outbox relay and the consumers of this run only: other runs share the Redis, never these queues.
    const queuePrefix = uniqueQueuePrefix('browser');
    cleanups.push(() => obliterateQueues(redisUrl, queuePrefix));
    const api = `http://127.0.0.1:${apiPort}`;
    const web = `http://127.0.0.1:${webPort}`;
    const portal = `http://127.0.0.1:${portalPort}`;
    const start = (name: string, args: string[], env: NodeJS.ProcessEnv) => {
      const p = new ManagedProcess({
        name,
        command: process.execPath,
        args,
        cwd: ROOT,
        env: { ...process.env, ...env },
        tailLines: 40,
        onLine: (line) => console.log(`[${name}] ${line}`),
      });
      cleanups.push(async () => {
        await p.stop();
      });
      return p;
    };
    const appEnv = {
      NODE_ENV: 'test',
      // A secret of this run's own, whatever the shell has: the published test default is for in-process tests.
      JWT_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      API_PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
    };
    const apiProc = start('api', ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      ...appEnv,
      // Failed-login counters live in the shared Redis, keyed by account and IP (127.0.0.1 for every local run):
      // other test runs' failures must not throttle these sign-ins. The throttle has tests of its own.
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
      LOGIN_MAX_FAILURES_PER_IP: '1000',
    });
    const workerProc = start('worker', ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
      ...appEnv,
      // Scenario 4 completes sessions and waits for their review prompts: seconds here, not the product's 24 hours.
      PORTAL_SESSION_REVIEW_DELAY_SECONDS: '2',
    });
    const webProc = start('staff-web', [VITE_BIN, 'preview', '--config', 'apps/staff-web/vite.config.mts', '--port', String(webPort)], {
      CAIRN_API_URL: api,
    });
    const portalProc = start(
      'portal-web',
      [VITE_BIN, 'preview', '--config', 'apps/portal-web/vite.config.mts', '--port', String(portalPort)],
      { CAIRN_API_URL: api },
    );
    say(`starting the API at ${api}, the worker on port ${workerPort}, the staff web at ${web} and the client portal at ${portal}...`);
    await waitUntil(async () => (await httpStatus(`${api}/health`)) === 200, {
      timeoutMs: 120_000,
      what: 'the API /health',
      abort: () => (apiProc.running ? undefined : 'the API exited during start-up (its output is above)'),
    });
    await waitUntil(async () => (await httpStatus(`http://127.0.0.1:${workerPort}/health`)) === 200, {
      timeoutMs: 120_000,
      what: 'the worker /health',
      abort: () => (workerProc.running ? undefined : 'the worker exited during start-up (its output is above)'),
    });
    await waitUntil(async () => (await httpStatus(`${web}/login`)) === 200, {
      timeoutMs: 60_000,
      what: 'the staff web',
      abort: () => (webProc.running ? undefined : 'vite preview exited during start-up (its output is above)'),
    });
    await waitUntil(async () => (await httpStatus(`${portal}/login`)) === 200, {
      timeoutMs: 60_000,
      what: 'the client portal',
      abort: () => (portalProc.running ? undefined : 'vite preview of the portal exited during start-up (its output is above)'),
    });

    say('waiting for the worker to generate the demo group encounters, then reviewing them as npm start does...');
    const review = await runDemoReview({ apiUrl: api, ownerUrl: db.ownerUrl, timeoutMs: 180_000 });
    say(
      `  ${review.sessions} sessions reviewed: ${review.approved} approved, ${review.rejected} rejected, ${review.refused} left pending by the API`,
    );

    const { browser, close } = await launchChromium(executable);
    cleanups.push(close);
    const servers = { web, api, outDir: OUT, workerRunning: () => workerProc.running };
    // `--only <words>` runs the tests whose names contain them (while working on one screen); CI runs all.
    const onlyAt = process.argv.indexOf('--only');
    const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
    for (const [name, fn] of [
      ...staffWebTests(servers, audit),
      ...chartEncounterTests(servers, audit),
      ...batchReviewTests(servers, audit),
      ...dashboardTests(servers, audit),
      ...visualTests(servers, audit),
      ...productivitySortingTests(servers, audit),
      ...peerRecoveryTests(servers, audit),
    ].filter(([name]) => !only || name.includes(only))) {
      const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
      outcomes.push(await runTest(name, () => fn(ctx), 90_000));
      await ctx.close().catch(() => undefined);
    }
    // The portal's tests open their own contexts: each at the phone, tablet or desktop width it checks.
    for (const [name, fn] of portalWebTests({ portal, api }, portalAudit).filter(([name]) => !only || name.includes(only))) {
      outcomes.push(await runTest(name, () => fn(browser), 180_000));
    }
    // Scenarios that span both apps (the client in the portal, staff in the staff web): each opens its own contexts at
    // the widths it checks.
    const scenarios = [
      ...portalReviewScenarioTests({ web, portal, api }, audit, portalAudit),
      ...portalCareScenarioTests({ web, portal, api }, audit),
      ...portalScenarioTests({ web, portal, api }, audit, portalAudit),
      ...portalChangeScenarioTests({ web, api, portal }, audit, portalAudit),
      ...portalSummaryScenarioTests({ web, portal, api }, audit, portalAudit),
    ];
    for (const [name, fn] of scenarios.filter(([name]) => !only || name.includes(only))) {
      outcomes.push(await runTest(name, () => fn(browser), 180_000));
    }
    audit.write();
    portalAudit.write();
    for (const a of [...audit.audits, ...portalAudit.audits])
      say(
        `axe ${a.page.padEnd(24)} ${a.url.padEnd(40)} serious/critical: ${a.seriousOrCritical.length}, minor/moderate: ${a.minorOrModerate.length}`,
      );
    return finish();
  } catch (e) {
    return finish({ name: 'browser test set-up', ok: false, ms: 0, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  } finally {
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => console.error(`[browser] cleanup failed: ${String(e)}`));
  }
}

void main().then((code) => process.exit(code));
