import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Module } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Pool } from 'pg';

import { PEER_ENCOUNTER_FINALIZED_V1 } from '@cairn/platform/clinical';
import { PrismaClient, withTenant } from '@cairn/platform/db';
import { childProcessEnv, createScratchDatabase, DEMO_TEST_TODAY, probeRedis, seedDemoData } from '@cairn/testing';

import { buildEvent, ConsumerDeps, ConsumerTx, EventConsumer, QUEUE_NAMES, QueueEvent, writeOutboxEvent } from '../src';

/**
 * A consumer with an observable effect, for the messaging tests and the events benchmark. The consumer BASE,
 * the relay, the outbox and the queues are the real code under test; only this effect is test-made: one row
 * per application in `test_probe_effects`, which deliberately has NO unique key on the event, so a
 * duplicate application would show as a second row. Events whose `hcpcs_code` is `FAIL` throw until a row
 * in `test_probe_heals` names them (the "fix" before an admin retries); `SLOW` ones take 1.5 s.
 */
@Injectable()
export class ProbeConsumer extends EventConsumer<'charge-creation'> {
  readonly queue = 'charge-creation';
  readonly consumerName = 'test.probe-effects';

  constructor(deps: ConsumerDeps) {
    super(deps);
  }

  protected async handle(event: QueueEvent<'charge-creation'>, tx: ConsumerTx): Promise<void> {
    if (event.type === PEER_ENCOUNTER_FINALIZED_V1 && event.payload.hcpcs_code === 'FAIL') {
      const healed = await tx.$queryRaw<
        unknown[]
      >`SELECT 1 FROM test_probe_heals WHERE organization_id = ${event.organizationId}::uuid AND event_id = ${event.id}::uuid`;
      if (healed.length === 0) throw new Error(`probe consumer told to fail for event ${event.id}`);
    }
    // SLOW: an effect that takes a while, to SIGTERM the worker while it is in flight.
    if (event.type === PEER_ENCOUNTER_FINALIZED_V1 && event.payload.hcpcs_code === 'SLOW') await new Promise((r) => setTimeout(r, 1500));
    await tx.$executeRaw`INSERT INTO test_probe_effects (organization_id, event_id, event_type) VALUES (${event.organizationId}::uuid, ${event.id}::uuid, ${event.type})`;
  }
}

@Module({ providers: [ProbeConsumer] })
export class ProbeConsumerModule {}

/** Creates the probe tables once per database (as the owner), with forced RLS like any tenant table. */
export async function ensureProbeTables(ownerUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: ownerUrl, max: 1 });
  try {
    await pool.query(`
      BEGIN;
      SELECT pg_advisory_xact_lock(727274);
      CREATE TABLE IF NOT EXISTS test_probe_effects (
        organization_id uuid NOT NULL, id bigserial, event_id uuid NOT NULL, event_type text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp(), PRIMARY KEY (organization_id, id));
      CREATE INDEX IF NOT EXISTS test_probe_effects_event ON test_probe_effects (event_id);
      CREATE TABLE IF NOT EXISTS test_probe_heals (organization_id uuid NOT NULL, event_id uuid NOT NULL, PRIMARY KEY (organization_id, event_id));
      ALTER TABLE test_probe_effects ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      ALTER TABLE test_probe_heals ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      DROP POLICY IF EXISTS tenant_scope ON test_probe_effects;
      CREATE POLICY tenant_scope ON test_probe_effects FOR ALL USING (organization_id = pf_ctx_org()) WITH CHECK (organization_id = pf_ctx_org());
      DROP POLICY IF EXISTS tenant_scope ON test_probe_heals;
      CREATE POLICY tenant_scope ON test_probe_heals FOR ALL USING (organization_id = pf_ctx_org());
      GRANT SELECT, INSERT ON test_probe_effects TO cairn_app;
      GRANT USAGE ON SEQUENCE test_probe_effects_id_seq TO cairn_app;
      GRANT SELECT ON test_probe_heals TO cairn_app;
      COMMIT;`);
  } finally {
    await pool.end();
  }
}

/** A Prisma client as the app role (what the API and worker use). */
export function appPrisma(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) });
}

/** Publishes `count` probe events of one organization in ONE committed transaction; returns their ids. */
export async function publishProbeEvents(
  prisma: PrismaClient,
  organizationId: string,
  count: number,
  opts: { fail?: boolean; slow?: boolean } = {},
): Promise<string[]> {
  return withTenant(prisma, { organizationId, userId: '', siteIds: 'all', patientScope: 'none' }, async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const event = buildEvent(
        PEER_ENCOUNTER_FINALIZED_V1,
        organizationId,
        probePayload(organizationId, opts.fail ? 'FAIL' : opts.slow ? 'SLOW' : 'H0038'),
      );
      await writeOutboxEvent(tx, event);
      ids.push(event.id);
    }
    return ids;
  });
}

export function probePayload(organizationId: string, hcpcsCode = 'H0038') {
  return {
    organization_id: organizationId,
    peer_encounter_id: randomUUID(),
    chart_id: randomUUID(),
    encounter_id: null,
    peer_provider_id: randomUUID(),
    service_date: '2026-11-24',
    hcpcs_code: hcpcsCode,
    duration_minutes: 30,
  };
}

/** Effect rows per event id (as the owner, across organizations). */
export async function effectCounts(owner: Pool, eventIds: string[]): Promise<{ rows: number; distinct: number }> {
  const { rows } = await owner.query<{ rows: string; distinct: string }>(
    'SELECT count(*) AS rows, count(DISTINCT event_id) AS distinct FROM test_probe_effects WHERE event_id = ANY($1::uuid[])',
    [eventIds],
  );
  return { rows: Number(rows[0]!.rows), distinct: Number(rows[0]!.distinct) };
}

/** A BullMQ prefix no other test run shares. */
export function uniqueQueuePrefix(label: string): string {
  return `cairn-test-${label}-${process.pid}-${randomUUID().slice(0, 8)}`;
}

/** Removes every queue of a test prefix, and its relay clock keys, from Redis (the shared Redis is never flushed). */
export async function obliterateQueues(redisUrl: string, prefix: string): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  connection.on('error', () => undefined);
  try {
    for (const name of QUEUE_NAMES) {
      const q = new Queue(name, { connection, prefix });
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
    // The relay clock's positions (ADR 0005 §7).
    const clocks = await connection.keys(`${prefix}:outbox-relay:*`).catch(() => [] as string[]);
    if (clocks.length) await connection.del(...clocks).catch(() => undefined);
  } finally {
    connection.disconnect();
  }
}

/**
 * Waits until a queue holds no waiting, active or delayed job (stalled jobs of a killed worker, re-relayed rows have
 * run out), then expects its failed set empty: every job ended as processed or duplicate.
 */
export async function expectQueueDrainedWithoutFailures(queue: Pick<Queue, 'getJobCounts'>, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    'the queue to drain',
    async () => {
      const c = await queue.getJobCounts('wait', 'active', 'delayed');
      return c['wait'] === 0 && c['active'] === 0 && c['delayed'] === 0;
    },
    timeoutMs,
    200,
  );
  const { failed } = await queue.getJobCounts('failed');
  if (failed) throw new Error(`${failed} job(s) in the failed set`);
}

/** Polls until check() is true or the deadline passes. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, intervalMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * A redis-server of the test's own (never the shared one), on a fixed port so it can be stopped and started
 * again, persisting to an append-only file as a production Redis behind BullMQ must: jobs Redis acknowledged
 * before it stopped are still there after it starts.
 */
export class OwnRedis {
  private child?: ChildProcess;
  readonly url: string;

  constructor(
    readonly port: number,
    readonly dir: string,
  ) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        this.dir,
        '--maxmemory-policy',
        'noeviction',
        '--daemonize',
        'no',
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    await waitFor(
      `redis-server on ${this.port}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        return (await probeRedis(this.url, 300)) === 'ok';
      },
      15_000,
      50,
    );
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL: a crash (or a lost machine); with `appendfsync always` nothing Redis acknowledged is lost. */
  kill(): Promise<void> {
    return this.end('SIGKILL');
  }

  /** SIGTERM: Redis flushes its append-only file and exits. */
  stop(): Promise<void> {
    return this.end('SIGTERM');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

export interface MessagingTestDb {
  appUrl: string;
  ownerUrl: string;
  /** As the owner (bypasses RLS): for assertions across organizations. */
  owner: Pool;
  /** Two organization ids (the outbox and the probe tables reference organizations by id only). */
  orgs: [string, string];
  drop(): Promise<void>;
}

/**
 * A migrated database of the test's own, with the probe tables. A relay serves every organization of its
 * database, so two tests sharing one database would take each other's events into their own queues: each
 * test that runs a relay gets its own database.
 */
export async function createMessagingTestDb(label: string, opts: { demoData?: boolean } = {}): Promise<MessagingTestDb> {
  const db = await createScratchDatabase({ prefix: `cairn_msg_${label}`, migrate: true });
  try {
    await ensureProbeTables(db.ownerUrl);
    if (opts.demoData) await seedDemoData({ ownerUrl: db.ownerUrl, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });
  } catch (e) {
    await db.drop();
    throw e;
  }
  const owner = new Pool({ connectionString: db.ownerUrl, max: 3 });
  owner.on('error', () => undefined); // an idle connection ended by the DROP DATABASE ... WITH (FORCE) at the end
  return {
    appUrl: db.appUrl,
    ownerUrl: db.ownerUrl,
    owner,
    orgs: [randomUUID(), randomUUID()],
    drop: async () => {
      await owner.end();
      await db.drop();
    },
  };
}

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** The probe worker's entry point (the real worker process plus the probe consumer), relative to the repository root. */
export const PROBE_WORKER_ENTRY = 'libs/platform/messaging/test/probe-worker.main.ts';

/**
 * A TypeScript entry point of this repository (e.g. apps/worker/src/main.ts) as a real child process, through
 * @swc-node/register, with `env` over the test's environment. Stdout is ignored; stderr goes to `onStderr`.
 */
export function spawnEntry(entry: string, env: NodeJS.ProcessEnv, onStderr: (chunk: string) => void = () => undefined): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: REPO_ROOT,
    env: childProcessEnv(env),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => onStderr(d.toString()));
  return child;
}
