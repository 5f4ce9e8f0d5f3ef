import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';

import { freePort, httpStatus, portInUse, waitUntil } from './probes';

/**
 * Smoke test of `npm start`: the launcher with an embedded PostgreSQL in a temp dir, free ports and the
 * machine's Redis comes up, prints the demo logins, serves /health, the OpenAPI document and a working
 * login, and on SIGINT stops everything it started. Then its failure paths: an app that dies, a taken port.
 */
const ROOT = join(__dirname, '..', '..');
const DEMO_EMAILS = [
  'admin@sonoran.cairn.test',
  'supervisor@sonoran.cairn.test',
  'billing@sonoran.cairn.test',
  'hr@sonoran.cairn.test',
  'clinician@sonoran.cairn.test',
  'frontdesk@sonoran.cairn.test',
  'manager@sonoran.cairn.test',
  'admin@cascade.cairn.test',
];

interface Launch {
  child: ChildProcess;
  dataDir: string;
  ports: { pg: number; api: number; worker: number; staffWeb: number; portalWeb: number };
  output(): string;
  exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Kills whatever is left and removes the data dir. */
  dispose(): void;
}

async function launch(extraEnv: NodeJS.ProcessEnv = {}): Promise<Launch> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-start-spec-'));
  chmodSync(dataDir, 0o755); // as root the embedded server runs as user postgres, which must reach its data dir
  // Free ports for everything the launcher binds, so the test passes beside a developer's running `npm start`.
  const ports = {
    pg: await freePort(),
    api: await freePort(),
    worker: await freePort(),
    staffWeb: await freePort(),
    portalWeb: await freePort(),
  };
  const env: NodeJS.ProcessEnv = { ...process.env };
  // setup-env.ts pointed these at the test database; the launcher must bring its own (and its own signing secret).
  for (const name of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'DATABASE_ADMIN_URL', 'NODE_ENV', 'LOG_LEVEL', 'JWT_SECRET']) delete env[name];
  Object.assign(env, {
    CAIRN_DATA_DIR: dataDir,
    CAIRN_PG_PORT: String(ports.pg),
    API_PORT: String(ports.api),
    WORKER_PORT: String(ports.worker),
    STAFF_WEB_PORT: String(ports.staffWeb),
    PORTAL_WEB_PORT: String(ports.portalWeb),
    REDIS_URL: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
    CAIRN_START_TIMEOUT_SECONDS: '150',
    ...extraEnv,
  });
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/dev/start.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  child.once('exit', (code, signal) => (exit = { code, signal }));
  return {
    child,
    dataDir,
    ports,
    output: () => output,
    exit: () => exit,
    dispose: () => {
      if (child.pid && !exit) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('npm start (tools/dev/start.ts)', () => {
  let l: Launch;

  beforeAll(async () => {
    l = await launch();
    await waitUntil(() => l.output().includes('Cairn is running.') && DEMO_EMAILS.every((e) => l.output().includes(e)), {
      what: 'npm start to print its banner',
      timeoutMs: 180_000,
      intervalMs: 250,
      abort: () => (l.exit() ? `the launcher exited early (${JSON.stringify(l.exit())}):\n${l.output().slice(-4000)}` : undefined),
    });
  }, 200_000);

  afterAll(() => l?.dispose());

  it('prints the API, OpenAPI and worker URLs and every demo login with its password', () => {
    expect(l.output()).toContain(`http://localhost:${l.ports.api}/api/docs`);
    expect(l.output()).toContain(`http://localhost:${l.ports.worker}/health`);
    expect(l.output()).toContain('demo-password-1');
    for (const email of DEMO_EMAILS) expect(l.output()).toContain(email);
  });

  it('serves the API and worker health checks and the OpenAPI document', async () => {
    expect(await httpStatus(`http://127.0.0.1:${l.ports.api}/health`)).toBe(200);
    expect(await httpStatus(`http://127.0.0.1:${l.ports.worker}/health`)).toBe(200);
    const doc = (await (await fetch(`http://127.0.0.1:${l.ports.api}/api/docs-json`)).json()) as { openapi?: string; paths?: object };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths ?? {})).toContain('/api/v1/auth/login');
  });

  it('serves the staff web and the client portal, and prints both with the portal logins', async () => {
    expect(l.output()).toContain(`http://localhost:${l.ports.staffWeb}`);
    expect(l.output()).toContain(`http://localhost:${l.ports.portalWeb}`);
    expect(l.output()).toContain('client@sonoran.cairn.test');
    expect(await httpStatus(`http://127.0.0.1:${l.ports.staffWeb}/`)).toBe(200);
    expect(await httpStatus(`http://127.0.0.1:${l.ports.portalWeb}/`)).toBe(200);
    expect(await httpStatus(`http://127.0.0.1:${l.ports.portalWeb}/accept-invitation`)).toBe(200);
  });

  it('lets the demo admin sign in with the demo password', async () => {
    const res = await fetch(`http://127.0.0.1:${l.ports.api}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@sonoran.cairn.test', password: 'demo-password-1' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken?: string };
    expect(body.accessToken).toEqual(expect.any(String));
  });

  it("signs access tokens with this installation's own random secret, kept in the data dir for its owner only", async () => {
    const file = join(l.dataDir, 'jwt-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(64);
    const res = await fetch(`http://127.0.0.1:${l.ports.api}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@sonoran.cairn.test', password: 'demo-password-1' }),
    });
    const { accessToken } = (await res.json()) as { accessToken: string };
    expect(new JwtService({ secret }).verify(accessToken, { audience: 'cairn-staff', issuer: 'cairn' })).toMatchObject({
      sid: expect.any(String),
    });
  });

  it('runs the group encounter and peer encounter pipelines on the demo data: reviewed sessions, pending ones, and charges for billing', async () => {
    const base = `http://127.0.0.1:${l.ports.api}`;
    expect(l.output()).toMatch(/sessions reviewed: [1-9]\d* approved, [1-9]\d* rejected/);
    const signIn = async (email: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'demo-password-1' }),
      });
      return { authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
    };
    const supervisor = await signIn('supervisor@sonoran.cairn.test');
    const count = async (status: string) =>
      (
        (await (await fetch(`${base}/api/v1/group-encounter-generations?status=${status}&pageSize=1`, { headers: supervisor })).json()) as {
          total: number;
        }
      ).total;
    for (const status of ['pending_review', 'approved', 'rejected', 'not_generated']) expect(await count(status)).toBeGreaterThan(0);
    // The approvals' charges are created by the worker's charge-creation consumer, moments after the review.
    const billing = await signIn('billing@sonoran.cairn.test');
    await waitUntil(
      async () => {
        const page = (await (await fetch(`${base}/api/v1/charges?pageSize=1`, { headers: billing })).json()) as { total: number };
        return page.total > 0;
      },
      { what: 'the demo charges', timeoutMs: 30_000, intervalMs: 250 },
    );
    // The seed's finalized peer encounters (CL-19) reach billing through the outbox, the relay and the same consumer.
    await waitUntil(
      async () => {
        const page = (await (await fetch(`${base}/api/v1/charges?sourceType=peer_encounter&pageSize=1`, { headers: billing })).json()) as {
          total: number;
        };
        return page.total > 0;
      },
      { what: 'the demo peer encounter charges', timeoutMs: 30_000, intervalMs: 250 },
    );
  });

  it('stops the apps and the embedded PostgreSQL on SIGINT, freeing every port, and exits 0', async () => {
    process.kill(l.child.pid!, 'SIGINT');
    await waitUntil(() => l.exit() !== undefined, { what: 'the launcher to exit after SIGINT', timeoutMs: 80_000 });
    expect(l.exit()).toEqual({ code: 0, signal: null });
    expect(l.output()).toContain('[cairn] stopped.');
    for (const port of [l.ports.api, l.ports.worker, l.ports.staffWeb, l.ports.pg]) expect(await portInUse(port)).toBe(false);
    expect(existsSync(join(l.dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 100_000);
});

describe('npm start when something goes wrong', () => {
  it('stops everything and exits non-zero with the last lines of an app that dies', async () => {
    // Both apps refuse a short JWT secret at start-up, which is how a bad configuration looks to the launcher.
    const l = await launch({ JWT_SECRET: 'too-short' });
    try {
      await waitUntil(() => l.exit() !== undefined, { what: 'the launcher to give up', timeoutMs: 120_000 });
      expect(l.exit()!.code).not.toBe(0);
      expect(l.output()).toMatch(/\[cairn\] (api|worker) exited with code \d+\. Its last output:/);
      expect(l.output()).toContain('JWT_SECRET');
      expect(await portInUse(l.ports.pg)).toBe(false);
    } finally {
      l.dispose();
    }
  }, 150_000);

  it('refuses to start when the API port is taken, and stops the database it started', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as { port: number }).port;
    const l = await launch({ API_PORT: String(taken) });
    try {
      await waitUntil(() => l.exit() !== undefined, { what: 'the launcher to give up', timeoutMs: 120_000 });
      expect(l.exit()!.code).toBe(1);
      expect(l.output()).toContain(`Port ${taken} for the api is already in use`);
      expect(await portInUse(l.ports.pg)).toBe(false);
    } finally {
      l.dispose();
      await new Promise((r) => blocker.close(r));
    }
  }, 150_000);
});
