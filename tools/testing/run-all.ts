import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, hasRedisServer, REDIS_HELP, redisAnswers, RunningPostgres, RunningRedis, startEmbeddedPostgres, startRedisServer } from '../dev/services';

/**
 * `npm test`: every check, each counted as a suite, ending with one line `N passed, N failed`.
 * PostgreSQL: DATABASE_URL (a server it may create databases on) or an embedded one in a temp dir.
 * Redis: REDIS_URL, or 127.0.0.1:6379, or a redis-server it starts. Jest's global setup creates and drops
 * its own database on that server.
 */
const ROOT = join(__dirname, '..', '..');

interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  note?: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  const cleanups: (() => Promise<void>)[] = [];
  const results: SuiteResult[] = [];
  const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
  try {
    let adminUrl = process.env['DATABASE_URL'];
    if (!adminUrl) {
      const dir = mkdtempSync(join(tmpdir(), 'cairn-test-pg-'));
      console.log(`[test] no DATABASE_URL: starting an embedded PostgreSQL in ${dir}`);
      const pg: RunningPostgres = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), persistent: false });
      cleanups.push(async () => {
        await pg.stop().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      });
      adminUrl = pg.adminUrl;
    }
    let redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    if (!(await redisAnswers(redisUrl))) {
      if (!hasRedisServer()) throw new Error(REDIS_HELP);
      const dir = mkdtempSync(join(tmpdir(), 'cairn-test-redis-'));
      const redis: RunningRedis = await startRedisServer(await freePort(), dir);
      console.log(`[test] no Redis at ${redisUrl}: started redis-server at ${redis.url}`);
      cleanups.push(async () => {
        await redis.stop();
        rmSync(dir, { recursive: true, force: true });
      });
      redisUrl = redis.url;
    }
    const env = { TEST_DATABASE_ADMIN_URL: adminUrl, REDIS_URL: redisUrl, CAIRN_TEST_RUN_ID: String(process.pid) };

    console.log('\n[test] typecheck (tsc --noEmit)');
    const tsc = await run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
    results.push({ name: 'typecheck', passed: tsc === 0 ? 1 : 0, failed: tsc === 0 ? 0 : 1 });

    console.log('\n[test] lint (ESLint with Nx module boundaries)');
    const lint = await run(bin('eslint'), ['apps', 'libs', 'tools', '--max-warnings=0'], { ESLINT_USE_FLAT_CONFIG: 'false' });
    results.push({ name: 'lint', passed: lint === 0 ? 1 : 0, failed: lint === 0 ? 0 : 1 });

    console.log('\n[test] unit, integration and API tests (Jest)');
    const report = join(ROOT, 'tmp', `jest-report-${process.pid}.json`);
    const jestExit = await run(bin('jest'), ['--ci', '--maxWorkers=2', '--forceExit', '--json', `--outputFile=${report}`], env);
    if (existsSync(report)) {
      const r = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numRuntimeErrorTestSuites: number };
      results.push({ name: 'jest', passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites, note: r.numRuntimeErrorTestSuites ? `${r.numRuntimeErrorTestSuites} suite(s) failed to run` : undefined });
      rmSync(report, { force: true });
    } else {
      results.push({ name: 'jest', passed: 0, failed: 1, note: `jest exited ${jestExit} without a report` });
    }
    // Web apps (Vitest, Playwright) join here when they exist.
  } catch (e) {
    console.error(`\n[test] ${e instanceof Error ? e.message : String(e)}`);
    results.push({ name: 'setup', passed: 0, failed: 1 });
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
  console.log('\n[test] summary');
  for (const r of results) console.log(`  ${r.name.padEnd(10)} ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`);
  console.log(`  took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
