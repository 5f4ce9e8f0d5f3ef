import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

import { obliterateQueues, uniqueQueuePrefix } from '@cairn/platform/messaging/testing';

import { withCredentials } from '../db/provision';
import { freePort, httpStatus } from '../dev/probes';
import { DEMO_TEST_TODAY, seedDemoData } from '../seed/seed-demo-data';
import { createScratchDatabase, ScratchDatabase } from '../testing/test-db';

// The production path end to end: `npm run build`'s artefacts, the compiled migration CLI on an empty database,
// then `npm run start:prod` (compiled API and worker, NODE_ENV=production) serving the API and the staff web,
// stopped with SIGTERM; and the production start refusing development settings.
jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
// Inside the repository: the bundles find node_modules by walking up from where they are.
const OUT_REL = join('tmp', `prod-build-${process.pid}`);
const OUT = join(ROOT, OUT_REL);
const DEMO = { email: 'admin@sonoran.cairn.test', password: 'demo-password-1' };
// BullMQ keys of this test's worker apart from every other run on the shared Redis, and removed afterwards.
const QUEUE_PREFIX = uniqueQueuePrefix('prod');

let db: ScratchDatabase;
/** A login of the test's own in the app role, with a password of its own: production refuses cairn_app's published one. */
let login: { name: string; url: string };

function baseEnv(): NodeJS.ProcessEnv {
  // Only what a server would have: nothing of the test run's own settings leaks into the production processes.
  return { PATH: process.env['PATH'], HOME: process.env['HOME'] };
}

function run(args: string[], env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  const build = run(['-r', '@swc-node/register', 'tools/build/build.ts', '--out', OUT_REL], { ...process.env });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  db = await createScratchDatabase({ prefix: 'cairn_prod' });
  const name = `cairn_prod_login_${process.pid}_${randomBytes(3).toString('hex')}`;
  const password = randomBytes(24).toString('base64url');
  const admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${name} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '${password}' IN ROLE cairn_app`);
  } finally {
    await admin.end();
  }
  login = { name, url: withCredentials(db.adminUrl, db.database, name, password) };
});

afterAll(async () => {
  await obliterateQueues(process.env['REDIS_URL']!, QUEUE_PREFIX);
  await db?.drop();
  if (login) {
    const admin = new Client({ connectionString: process.env['TEST_SERVER_ADMIN_URL'] });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${login.name}`).finally(() => admin.end());
  }
  rmSync(OUT, { recursive: true, force: true });
});

it('builds compiled apps with source maps, the migration CLI with the migrations, and a hashed staff-web bundle', () => {
  for (const file of [
    'apps/api/main.js',
    'apps/api/main.js.map',
    'apps/worker/main.js',
    'apps/worker/main.js.map',
    'tools/db/cli.js',
    'tools/prod/start.js',
    'apps/staff-web/index.html',
    'apps/staff-web/config.js',
  ]) {
    expect(readdirSync(join(OUT, file, '..'))).toContain(file.split('/').pop());
  }
  expect(readdirSync(join(OUT, 'prisma', 'migrations')).length).toBe(readdirSync(join(ROOT, 'prisma', 'migrations')).length);
  expect(readdirSync(join(OUT, 'apps', 'staff-web', 'assets')).some((f) => /^index-[\w-]{8,}\.js$/.test(f))).toBe(true);
});

it('builds every file the Dockerfile and docker-compose.yml run', () => {
  const mentioned = new Set<string>();
  for (const file of ['Dockerfile', 'docker-compose.yml']) {
    for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/dist\/([\w./-]+\.js)\b/g)) mentioned.add(m[1]!);
  }
  expect([...mentioned].sort()).toEqual(['apps/api/main.js', 'apps/worker/main.js', 'tools/db/cli.js']);
  for (const file of mentioned) expect(existsSync(join(OUT, file))).toBe(true);
  // The directory the image serves the staff web from is the one the build writes.
  expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toContain('STAFF_WEB_DIR=/app/dist/apps/staff-web');
  expect(existsSync(join(OUT, 'apps', 'staff-web', 'index.html'))).toBe(true);
  // And the client portal's, on its own host name.
  expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toContain('PORTAL_WEB_DIR=/app/dist/apps/portal-web');
  expect(existsSync(join(OUT, 'apps', 'portal-web', 'index.html'))).toBe(true);
});

it('migrates an empty database with the compiled CLI (wasm schema engine from dist), idempotently', () => {
  const env = { ...baseEnv(), DATABASE_OWNER_URL: db.ownerUrl };
  const first = run([join(OUT, 'tools', 'db', 'cli.js'), 'migrate'], env);
  expect(first.stderr).toBe('');
  expect(first.status).toBe(0);
  expect(first.stdout).toMatch(/\[db:migrate\] app role cairn_app: logs in, no superuser, no BYPASSRLS, owns nothing/);
  expect(first.stdout).toMatch(/\[db:migrate\] migrations: applied (\d+) of \1:/);
  const second = run([join(OUT, 'tools', 'db', 'cli.js'), 'migrate'], env);
  expect(second.status).toBe(0);
  expect(second.stdout).toMatch(/\[db:migrate\] migrations: none pending \(\d+ applied\)/);
});

describe('npm run start:prod', () => {
  let launcher: ChildProcess | undefined;
  let output = '';

  afterAll(() => {
    if (launcher && launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGKILL');
  });

  it('serves the API, the worker and the staff web from compiled code, signs in a demo user, and stops with exit 0 on SIGTERM', async () => {
    await seedDemoData({ ownerUrl: db.ownerUrl, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });
    const [apiPort, workerPort] = [await freePort(), await freePort()];
    launcher = spawn(process.execPath, [join(OUT, 'tools', 'prod', 'start.js')], {
      cwd: ROOT,
      env: {
        ...baseEnv(),
        NODE_ENV: 'production',
        DATABASE_URL: login.url,
        REDIS_URL: process.env['REDIS_URL'],
        JWT_SECRET: randomBytes(48).toString('base64url'),
        QUEUE_PREFIX,
        API_PORT: String(apiPort),
        WORKER_PORT: String(workerPort),
        // This test's migrations ran above; the owner's password on a shared test server is the published one.
        CAIRN_MIGRATE_ON_START: 'false',
        AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    launcher.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    launcher.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      launcher!.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const api = `http://127.0.0.1:${apiPort}`;
    const worker = `http://127.0.0.1:${workerPort}`;

    const deadline = Date.now() + 60_000;
    while ((await httpStatus(`${api}/health`)) !== 200 || (await httpStatus(`${worker}/health`)) !== 200) {
      if (launcher.exitCode !== null) throw new Error(`start:prod exited ${launcher.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`start:prod did not become healthy within 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const url of [`${api}/health/live`, `${api}/health/ready`, `${worker}/health/live`, `${worker}/health/ready`])
      expect([url, await httpStatus(url)]).toEqual([url, 200]);

    const signIn = await fetch(`${api}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(DEMO),
    });
    expect(signIn.status).toBe(200);
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const me = await fetch(`${api}/api/v1/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(DEMO.email);
    // Production defaults: no OpenAPI UI.
    expect((await fetch(`${api}/api/docs-json`)).status).toBe(404);

    const index = await fetch(`${api}/patients`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await index.text();
    const asset = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${api}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await fetch(`${api}/config.js`)).text()).toContain('window.CAIRN_CONFIG = {"apiBaseUrl":""}');

    const started = Date.now();
    launcher.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(15_000);

    // Structured logs: every line the three processes wrote is a JSON object naming its service.
    const lines = output.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(5);
    const services = new Set(lines.map((l) => (JSON.parse(l) as { service: string }).service));
    expect([...services].sort()).toEqual(['cairn-api', 'cairn-launcher', 'cairn-worker']);
    expect(output).toMatch(/"service":"cairn-api".*"msg":"Stopped cleanly"/);
    expect(output).toMatch(/"service":"cairn-worker".*"msg":"Stopped cleanly"/);
  });
});

describe('the production start refuses development settings', () => {
  const unsafe = () => ({
    ...baseEnv(),
    NODE_ENV: 'production',
    // The old built-in development secret, and the app role's published password.
    JWT_SECRET: 'cairn-development-only-secret-change-me-0123456789',
    DATABASE_URL: withCredentials(db.adminUrl, db.database, 'cairn_app', 'cairn_app'),
    REDIS_URL: process.env['REDIS_URL'],
    CAIRN_OWNER_PASSWORD: 'cairn_owner',
  });

  it('npm run start:prod names every problem on its own line and exits 2 without starting anything', () => {
    const r = run([join(OUT, 'tools', 'prod', 'start.js')], unsafe());
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const problems = r.stderr.split('\n').filter((l) => l.startsWith('  - '));
    expect(problems).toEqual([
      expect.stringMatching(
        /^ {2}- JWT_SECRET: is a published example or development value that anyone can sign tokens with; set a random secret/,
      ),
      expect.stringMatching(/^ {2}- DATABASE_URL: uses the published development password "cairn_app"/),
      expect.stringMatching(
        /^ {2}- DATABASE_OWNER_URL \(unset: DATABASE_URL with cairn_owner and CAIRN_OWNER_PASSWORD\): uses the published development password "cairn_owner"/,
      ),
    ]);
  });

  it('the compiled API alone refuses the development secret too, with the same message', () => {
    const r = run([join(OUT, 'apps', 'api', 'main.js')], { ...unsafe(), DATABASE_URL: login.url });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Invalid configuration:\n {2}- JWT_SECRET: is a published example or development value/);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(1);
  });
});
