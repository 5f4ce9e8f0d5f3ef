import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { RunningPostgres, startLocalPostgres } from '../dev/local-postgres';
import { DEFAULT_REDIS_URL, ensureRedis, redact } from '../dev/local-redis';
import { freePort } from '../dev/probes';
import { browserSuiteResult, jestSuiteResult, SuiteResult, summaryLines } from './suite-results';

/**
 * `npm test`: every check, each counted in a suite, ending with exactly one line `N passed, N failed`.
 * PostgreSQL: DATABASE_URL (the admin URL of a server it may create databases on) or an embedded one in a
 * fresh temp dir. Redis: REDIS_URL, or 127.0.0.1:6379, or a redis-server it starts on a free port. Jest's
 * global setup creates and drops its own database on that server.
 */
const ROOT = join(__dirname, '..', '..');
const say = (message: string) => console.log(`[test] ${message}`);

/**
 * Upper bounds per step, so a hung tool fails its suite instead of hanging CI. They catch hangs, not slowness: each
 * is about three times the step's time on a quiet run of this machine, because CI's runs of the same machine have
 * been 1.4 times slower (the staff web's component tests, about 3 minutes here, were once stopped at a 5-minute bound).
 */
const MINUTES = 60_000;
const LIMITS = {
  typecheck: 10 * MINUTES,
  lint: 10 * MINUTES,
  jest: 45 * MINUTES,
  apiClient: 5 * MINUTES,
  vitest: 12 * MINUTES,
  browser: 25 * MINUTES,
};

let current: { pid?: number } | undefined;
let interrupted = false;

function killGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, sig);
  } catch {
    // gone already
  }
}

/** Runs a tool with its output streamed; resolves with its exit code (1 when it timed out or was killed). */
function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs: number; what: string }): Promise<number> {
  return new Promise((resolve) => {
    // Its own process group, so a timeout or Ctrl-C stops the tool's workers too.
    const child = spawn(cmd, args, {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...opts.env },
      detached: true,
    });
    current = child;
    const killOnExit = () => killGroup(child.pid, 'SIGKILL');
    process.on('exit', killOnExit);
    const timer = setTimeout(() => {
      console.error(`\n[test] ${opts.what} did not finish within ${opts.timeoutMs / MINUTES} minutes: stopping it`);
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10_000).unref();
    }, opts.timeoutMs);
    const done = (code: number) => {
      clearTimeout(timer);
      process.off('exit', killOnExit);
      current = undefined;
      resolve(code);
    };
    child.once('error', (e) => {
      console.error(`[test] could not run ${cmd}: ${e.message}`);
      done(1);
    });
    child.once('exit', (code, signal) => {
      // Whatever the tool left behind in its group (a worker still tearing down after --forceExit) would take CPU
      // from the next step.
      killGroup(child.pid, 'SIGKILL');
      done(code ?? (signal ? 1 : 0));
    });
  });
}

/** Adds one pass or failure to the suite of that name (created on first use). */
function pushCount(results: SuiteResult[], name: string, ok: boolean): void {
  let r = results.find((x) => x.name === name);
  if (!r) results.push((r = { name, passed: 0, failed: 0 }));
  if (ok) r.passed++;
  else r.failed++;
}

function hasNpmScript(name: string): boolean {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return Boolean(pkg.scripts?.[name]);
}

async function main(): Promise<number> {
  const started = Date.now();
  const cleanups: (() => Promise<void>)[] = [];
  const results: SuiteResult[] = [];
  const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
  const onSignal = (sig: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[test] ${sig}: stopping`);
    killGroup(current?.pid, 'SIGTERM');
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, onSignal);

  try {
    let adminUrl = process.env['DATABASE_URL'];
    if (adminUrl) say(`PostgreSQL: the server in DATABASE_URL (${redact(adminUrl)})`);
    else {
      const dir = mkdtempSync(join(tmpdir(), 'cairn-test-pg-'));
      say(`PostgreSQL: no DATABASE_URL, starting an embedded one in ${dir}`);
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      // A throw-away cluster: durability settings off make the int tier markedly faster.
      const pg: RunningPostgres = await startLocalPostgres({
        dataDir: dir,
        port: await freePort(),
        settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
      });
      cleanups.push(() => pg.stop());
      adminUrl = pg.adminUrl;
    }
    if (interrupted) throw new Error('interrupted');

    const redisDir = join(tmpdir(), `cairn-test-redis-${process.pid}`);
    const redis = await ensureRedis({ url: process.env['REDIS_URL'] || DEFAULT_REDIS_URL, dir: redisDir, startPort: await freePort() });
    if (redis.started) {
      const started = redis.started;
      cleanups.push(async () => {
        await started.stop();
        rmSync(redisDir, { recursive: true, force: true });
      });
      say(`Redis: none answered, started redis-server at ${redis.url}`);
    } else say(`Redis: ${redact(redis.url)}`);
    const env = { TEST_DATABASE_ADMIN_URL: adminUrl, REDIS_URL: redis.url };

    // The workspace, and per web app its browser code and its Node-side browser tests, are separate TypeScript programs.
    for (const project of [
      'tsconfig.json',
      'apps/staff-web/tsconfig.json',
      'apps/staff-web/e2e/tsconfig.json',
      'apps/portal-web/tsconfig.json',
      'apps/portal-web/e2e/tsconfig.json',
    ]) {
      if (interrupted) break;
      say(`typecheck: tsc -p ${project} --noEmit`);
      const tsc = await run(bin('tsc'), ['-p', project, '--noEmit'], { timeoutMs: LIMITS.typecheck, what: 'typecheck' });
      pushCount(results, 'typecheck', tsc === 0);
    }

    if (!interrupted) {
      say('api-client: the committed staff-web and portal-web clients match the API (npm run api-client:generate -- --check)');
      const code = await run(process.execPath, ['-r', '@swc-node/register', 'tools/api-client/generate.ts', '--check'], {
        timeoutMs: LIMITS.apiClient,
        what: 'api-client check',
      });
      results.push({
        name: 'api-client',
        passed: code === 0 ? 1 : 0,
        failed: code === 0 ? 0 : 1,
        note: code === 0 ? undefined : 'stale: run npm run api-client:generate',
      });
    }

    if (!interrupted) {
      const viaScript = hasNpmScript('lint');
      say(`lint: ${viaScript ? 'npm run lint' : 'eslint apps libs tools'}`);
      const lint = viaScript
        ? await run('npm', ['run', 'lint', '--silent'], { timeoutMs: LIMITS.lint, what: 'lint' })
        : await run(bin('eslint'), ['apps', 'libs', 'tools', '--max-warnings=0'], {
            env: { ESLINT_USE_FLAT_CONFIG: 'false' },
            timeoutMs: LIMITS.lint,
            what: 'lint',
          });
      results.push({ name: 'lint', passed: lint === 0 ? 1 : 0, failed: lint === 0 ? 0 : 1 });
    }

    if (!interrupted) {
      say('jest: unit, integration and API tests');
      mkdirSync(join(ROOT, 'tmp'), { recursive: true });
      const report = join(ROOT, 'tmp', `jest-report-${process.pid}.json`);
      rmSync(report, { force: true });
      // Two workers for two cores; --forceExit so a leaked handle in one test cannot hang the run.
      const code = await run(bin('jest'), ['--ci', '--maxWorkers=2', '--forceExit', '--json', `--outputFile=${report}`], {
        env,
        timeoutMs: LIMITS.jest,
        what: 'jest',
      });
      results.push(jestSuiteResult(code, existsSync(report) ? readFileSync(report, 'utf8') : undefined));
      rmSync(report, { force: true });
    }

    for (const app of ['staff-web', 'portal-web']) {
      if (interrupted) break;
      say(`vitest: ${app} component tests`);
      const report = join(ROOT, 'tmp', `vitest-report-${app}-${process.pid}.json`);
      rmSync(report, { force: true });
      const code = await run(
        bin('vitest'),
        ['run', '--config', `apps/${app}/vite.config.mts`, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
        { timeoutMs: LIMITS.vitest, what: `vitest (${app})` },
      );
      const r = jestSuiteResult(code, existsSync(report) ? readFileSync(report, 'utf8') : undefined, 'vitest');
      // One suite for both apps' component tests: its counts add up.
      const suite = results.find((x) => x.name === 'vitest');
      if (suite) {
        suite.passed += r.passed;
        suite.failed += r.failed;
        if (r.note) suite.note = suite.note ? `${suite.note}; ${app}: ${r.note}` : `${app}: ${r.note}`;
      } else results.push({ ...r, name: 'vitest', note: r.note ? `${app}: ${r.note}` : undefined });
      rmSync(report, { force: true });
    }

    if (!interrupted) {
      say('browser: the staff web and the client portal in chromium against the API with demo data (npm run staff-web:e2e)');
      const report = join(ROOT, 'tmp', `browser-report-${process.pid}.json`);
      rmSync(report, { force: true });
      const code = await run(process.execPath, ['-r', '@swc-node/register', 'tools/testing/run-browser-tests.ts', '--report', report], {
        env,
        timeoutMs: LIMITS.browser,
        what: 'browser tests',
      });
      results.push(browserSuiteResult(code, existsSync(report) ? readFileSync(report, 'utf8') : undefined));
      rmSync(report, { force: true });
    }
  } catch (e) {
    if (!interrupted) {
      console.error(`\n[test] ${e instanceof Error ? e.message : String(e)}`);
      results.push({ name: 'setup', passed: 0, failed: 1, note: 'the test services could not be started' });
    }
  } finally {
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => console.error(`[test] cleanup failed: ${String(e)}`));
  }
  if (interrupted) results.push({ name: 'interrupted', passed: 0, failed: 1, note: 'the run was stopped before it finished' });
  for (const line of summaryLines(results, Date.now() - started)) console.log(line);
  return results.some((r) => r.failed > 0) || results.length === 0 ? 1 : 0;
}

void main().then((code) => process.exit(code));
