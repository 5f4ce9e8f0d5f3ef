import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * .ci/run with a stand-in `npm` first on PATH: the script must end with the runner's `N passed, N failed`
 * line whatever npm prints after it, and pass on npm test's exit code. (The machine's PostgreSQL and Redis
 * are up here, so the script's service start-up does nothing.)
 */
const ciRun = join(__dirname, '..', '..', '.ci', 'run');

function runWithFakeNpm(body: string): { status: number | null; lines: string[]; calls: string } {
  const bin = mkdtempSync(join(tmpdir(), 'cairn-fake-npm-'));
  const calls = join(bin, 'calls');
  try {
    writeFileSync(join(bin, 'npm'), `#!/usr/bin/env bash\necho "$@ DATABASE_URL=$DATABASE_URL CI=$CI" > ${calls}\n${body}\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    const r = spawnSync('bash', [ciRun], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env['PATH']}` },
      timeout: 60_000,
    });
    const lines = r.stdout.trimEnd().split('\n');
    return { status: r.status, lines, calls: spawnSync('cat', [calls], { encoding: 'utf8' }).stdout };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

describe('.ci/run', () => {
  it("runs npm test against the machine's PostgreSQL with CI=true", () => {
    const r = runWithFakeNpm('echo "3 passed, 0 failed"');
    expect(r.calls.trim()).toBe('test --silent DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres CI=true');
    expect(r.status).toBe(0);
    expect(r.lines[r.lines.length - 1]).toBe('3 passed, 0 failed');
  });

  it("ends with the runner's summary line even when npm prints after it, and keeps npm's exit code", () => {
    const r = runWithFakeNpm('echo "5 passed, 2 failed"; echo "npm error Lifecycle script test failed" >&2; exit 1');
    expect(r.status).toBe(1);
    expect(r.lines[r.lines.length - 1]).toBe('5 passed, 2 failed');
  });

  it('prints a failing summary and fails when npm test printed none (say, the install failed)', () => {
    const r = runWithFakeNpm('echo "npm error network"; exit 0');
    expect(r.status).toBe(1);
    expect(r.lines[r.lines.length - 1]).toBe('0 passed, 1 failed');
  });
});
