import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';

import { checkpointProblem, ensureCheckpointKey, loadPublicKey, readCheckpointLines } from '@cairn/platform/audit';
import { loadConfig } from '@cairn/platform/config';
import { Readiness } from '@cairn/platform/http';
import { RunningWorker, startWorker as startHost, StartWorkerOptions, WorkerDrain } from '@cairn/platform/messaging';

import { WorkerModule } from './worker.module';

const ROOT = join(__dirname, '..', '..', '..');
// The workers here run the outbox relay on the run's shared database. Tests that publish events and wait
// for their effects use databases of their own (libs/platform/messaging/test), so this relay cannot take them.
const env = process.env;

/** The messaging worker host with what this app composes into it (the audit checkpoint job, reference data). */
const startWorker: typeof startHost = (config, options: StartWorkerOptions = {}) =>
  startHost(config, { ...options, consumers: [WorkerModule, ...(options.consumers ?? [])] });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`worker exited early with ${child.exitCode}`);
    try {
      return await fetch(url);
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`worker did not answer ${url} within ${timeoutMs} ms`);
}

describe('the worker process', () => {
  it('serves /health and /metrics on WORKER_PORT and exits 0 promptly on SIGTERM', async () => {
    const port = await freePort();
    const output: string[] = [];
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      env: { ...env, WORKER_PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      const health = await waitForHealth(`http://127.0.0.1:${port}/health`, child);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } });

      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await metrics.text();
      expect(text).toMatch(/# TYPE process_cpu_user_seconds_total counter/);
      expect(text).toMatch(/cairn_outbox_lag_seconds \d/);
      expect(text).toMatch(/cairn_queue_jobs\{queue="charge-creation",state="wait"\} \d+/);

      const sent = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - sent).toBeLessThan(5_000);
      expect(output.join('')).toContain('Stopped cleanly');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});

describe('startWorker (in process)', () => {
  let worker: RunningWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  it('lets registered consumers finish before the context closes', async () => {
    worker = await startWorker(loadConfig({ ...env, WORKER_PORT: '0' }), { host: '127.0.0.1' });
    const events: string[] = [];
    worker.app.get(WorkerDrain).register('slow-queue', async () => {
      await new Promise((r) => setTimeout(r, 300));
      events.push('drained');
    });
    await worker.stop();
    events.push('stopped');
    expect(events).toEqual(['drained', 'stopped']);
    expect(worker.server.listening).toBe(false);
  });

  it('answers /health/live without dependencies, and /health/ready 503 once it is draining', async () => {
    worker = await startWorker(loadConfig({ ...env, WORKER_PORT: '0', OUTBOX_RELAY_ENABLED: 'false' }), { host: '127.0.0.1' });
    const base = `http://127.0.0.1:${worker.port}`;
    const live = await fetch(`${base}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } });
    worker.app.get(Readiness).markDraining();
    const draining = await fetch(`${base}/health/ready`);
    expect(draining.status).toBe(503);
    expect(await draining.json()).toMatchObject({ status: 503, detail: expect.stringMatching(/Shutting down/) });
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });

  it('answers 503 problem+json on /health when Redis is down, and 404 off its two paths', async () => {
    worker = await startWorker(loadConfig({ ...env, WORKER_PORT: '0', REDIS_URL: `redis://127.0.0.1:${await freePort()}` }), {
      host: '127.0.0.1',
    });
    const base = `http://127.0.0.1:${worker.port}`;
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(503);
    expect((await fetch(`${base}/health/ready`)).status).toBe(503);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect(health.headers.get('content-type')).toBe('application/problem+json');
    expect(await health.json()).toMatchObject({
      status: 503,
      instance: '/health',
      details: { database: { status: 'up' }, redis: { status: 'down' } },
    });
    const other = await fetch(`${base}/api/v1/patients?lastName=Quimby`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ status: 404, instance: '/api/v1/patients' });
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('publishes signed audit checkpoints every AUDIT_CHECKPOINT_INTERVAL_SECONDS (a BullMQ job scheduler)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-worker-checkpoints-'));
    const key = ensureCheckpointKey(join(dir, 'key.pem'));
    const out = join(dir, 'out');
    const owner = new Client({ connectionString: env['DATABASE_OWNER_URL'] });
    await owner.connect();
    const config = loadConfig({
      ...env,
      WORKER_PORT: '0',
      AUDIT_CHECKPOINT_DIR: out,
      AUDIT_CHECKPOINT_KEY_FILE: key.privateFile,
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '1',
    });
    try {
      // At least one chain to anchor (the organization-less one: a failed login).
      await owner.query(`INSERT INTO pf_audit_events (chain_key, actor_type, action, resource_type, scope, outcome)
                         VALUES ('00000000-0000-0000-0000-000000000000', 'anonymous', 'auth.login', 'session', '{}', 'failure')`);
      worker = await startWorker(config, { host: '127.0.0.1' });
      const deadline = Date.now() + 15_000;
      while (readCheckpointLines(out).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const lines = readCheckpointLines(out);
      expect(lines.length).toBeGreaterThan(0);
      expect(checkpointProblem(lines[0], loadPublicKey(key.publicFile))).toBeNull();
      expect((lines[0] as { heads: { chainKey: string }[] }).heads.map((h) => h.chainKey)).toContain(
        '00000000-0000-0000-0000-000000000000',
      );
    } finally {
      await worker?.stop();
      worker = undefined;
      const redis = new IORedis(config.REDIS_URL, { maxRetriesPerRequest: null });
      const queue = new Queue('audit-checkpoint', { connection: redis, prefix: config.QUEUE_PREFIX });
      await queue.removeJobScheduler('audit-checkpoint');
      await queue.close();
      redis.disconnect();
      await owner.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves /metrics only with METRICS_TOKEN as a bearer token when it is set', async () => {
    worker = await startWorker(loadConfig({ ...env, WORKER_PORT: '0', METRICS_TOKEN: 'scrape-token-0123456789' }), { host: '127.0.0.1' });
    const base = `http://127.0.0.1:${worker.port}`;
    const refused = await fetch(`${base}/metrics`, { headers: { Authorization: 'Bearer wrong-token-0123456789' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: 'Bearer scrape-token-0123456789' } })).status).toBe(200);
  });

  it('refuses to start when its port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      await expect(startWorker(loadConfig({ ...env, WORKER_PORT: String(port) }), { host: '127.0.0.1' })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
