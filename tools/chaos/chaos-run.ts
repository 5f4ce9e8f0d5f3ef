import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Pool } from 'pg';

import { CL_GROUP_ENCOUNTERS_APPROVED_V1, CL_GROUP_SESSION_DOCUMENTED_V1 } from '@cairn/platform/clinical';
import { QUEUE_NAMES } from '@cairn/platform/messaging';
import { obliterateQueues, OwnRedis, spawnEntry, uniqueQueuePrefix } from '@cairn/platform/messaging/testing';

import { verifyAuditLog, verifyDashboardAudit } from '../audit/verify-audit-log';
import { httpStatus } from '../dev/probes';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_SITES, demoStaff } from '../seed/demo-catalogue';
import { mulberry32 } from '../seed/deterministic';
import { DEMO_TEST_TODAY, seedDemoData } from '../seed/seed-demo-data';
import { insertGroupSessionFixtures } from '../testing/group-session-fixtures';
import { TcpProxy } from '../testing/tcp-proxy';
import { createScratchDatabase } from '../testing/test-db';

export type FaultKind = 'kill-api' | 'kill-worker' | 'restart-redis' | 'pause-postgres';

export interface ChaosOptions {
  attendances: number;
  /** Attendees per group session (attendances / attendees sessions). */
  attendees: number;
  seed: number;
  apiKills: number;
  workerKills: number;
  /** How long PostgreSQL is unreachable for the apps. */
  postgresOutageMs: number;
  /** How long Redis stays down between its SIGKILL and its start. */
  redisDownMs: number;
  /** The supervisor's delay before it starts a process again, as a process manager's restart delay. */
  restartDelayMs: number;
  /** QUEUE_LOCK_MS of the workers: how soon a killed worker's jobs are taken over. */
  queueLockMs: number;
  /** The whole run's limit; past it the run stops and reports what it has (a violation). */
  timeoutMs: number;
  /** Aborting it (Ctrl-C in the CLI) stops the flow and the supervisor's restarts, then cleans up as at the end. */
  signal?: AbortSignal;
  /** Each line of the run's account, as it happens. */
  print: (line: string) => void;
}

export const DEFAULT_CHAOS_OPTIONS: Omit<ChaosOptions, 'attendances' | 'print'> = {
  attendees: 10,
  seed: 1,
  apiKills: 3,
  workerKills: 3,
  postgresOutageMs: 5000,
  redisDownMs: 2000,
  restartDelayMs: 1000,
  queueLockMs: 5000,
  timeoutMs: 60 * 60_000,
};

export interface FaultRecord {
  kind: FaultKind;
  /** What was done, in words (which process, which pid). */
  what: string;
  /** Milliseconds since the run's flow began. */
  at: number;
  /** How long the fault lasted (0 for a kill: the fault is instantaneous, the restart is recovery). */
  lastedMs: number;
  /** From the end of the fault until every API and worker process answered /health/ready. */
  healthyAfterMs: number | null;
  /** From the end of the fault until the pipeline's counters next moved (null: nothing was left to do). */
  progressAfterMs: number | null;
  /** Documented sessions when the fault struck. */
  documentedSessions: number;
}

export interface ChaosReport {
  attendances: number;
  sessions: number;
  faults: FaultRecord[];
  /** Process exits the chaos did not cause (each restarted by the supervisor). */
  unexpectedExits: string[];
  /** Requests the client tried again: refused or reset connections, and 5xx answers by status and problem title. */
  retriedRequests: { network: number; answers: Record<string, number> };
  flowSeconds: number;
  attendancesPerSecond: number;
  approvedAttendees: number;
  charges: number;
  lost: number;
  doubled: number;
  /** Approval events applied more than once (a second processed-events row or a second charge.create audit row). */
  eventsAppliedTwice: number;
  outboxUnsent: number;
  pipelineEventsUnprocessed: number;
  jobsPending: number;
  jobsFailed: number;
  auditChains: number;
  auditEventsChecked: number;
  auditProblems: string[];
  violations: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A port below the kernel's ephemeral range (32768-60999), free now: a process restarted on the same port must
 * not find it taken by one of the many outgoing connections of the run (docs/operations/scaling.md, "Ports").
 */
async function stablePort(random: () => number, taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(random() * 12000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port between 20000 and 32000');
}

/**
 * One API or worker process under a supervisor: when it ends (a SIGKILL of the chaos, or a crash of its own), it
 * is started again on the same port after `restartDelayMs`, as systemd's Restart=always or a container runtime
 * would. stop() ends it for good (SIGTERM, the process drains).
 */
class Supervised {
  child?: ChildProcess;
  private stopping = false;
  private killing = false;
  starts = 0;
  /** The end of the current process's stderr, to say why it ended. */
  private tail = '';

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly healthUrl: string,
    private readonly log: WriteStream,
    private readonly restartDelayMs: number,
    private readonly onUnexpectedExit: (what: string) => void,
  ) {}

  start(): void {
    this.starts++;
    this.killing = false;
    this.tail = '';
    const child = spawnEntry(this.entry, this.env, (chunk) => {
      this.log.write(chunk);
      this.tail = (this.tail + chunk).slice(-1500);
    });
    this.log.write(`--- ${new Date().toISOString()} ${this.name} started (pid ${child.pid})\n`);
    this.child = child;
    child.once('exit', (code, signal) => {
      this.log.write(`--- ${new Date().toISOString()} ${this.name} (pid ${child.pid}) ended (${signal ?? code})\n`);
      if (this.stopping) return;
      if (!this.killing) {
        // The error's own line (a stack's message), else the last line written.
        const lines = this.tail.trim().split('\n');
        const last = (lines.find((l) => /^\w*Error\b/.test(l.trim())) ?? lines[lines.length - 1] ?? '').trim().slice(0, 300);
        this.onUnexpectedExit(`${this.name} (pid ${child.pid}) exited on its own (${signal ?? code})${last ? `: ${last}` : ''}`);
      }
      setTimeout(() => {
        if (!this.stopping) this.start();
      }, this.restartDelayMs);
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  kill(): void {
    this.killing = true;
    this.child?.kill('SIGKILL');
  }

  async ready(): Promise<boolean> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return false;
    return (await httpStatus(this.healthUrl, 2000)) === 200;
  }

  /** No more restarts (the processes are being stopped, or were interrupted with the run). */
  halt(): void {
    this.stopping = true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    await exited;
    clearTimeout(timer);
  }
}

interface Sample {
  t: number;
  value: number;
}

/**
 * The chaos run (issue 22 item 5): `attendances` attendances flow from documented to charged through two API
 * and two worker processes while API and worker processes are SIGKILLed at random moments, Redis is killed and
 * started again once, and PostgreSQL is taken from the apps once; then every approved attendee must have exactly
 * one charge, every event must have been processed, and the audit chains must verify.
 *
 * Everything is the run's own: a scratch database (demo data, dropped at the end) on the server of
 * TEST_DATABASE_ADMIN_URL / DATABASE_URL, a redis-server on a port of its own (append-only, noeviction, as
 * production's must be), a TCP proxy in front of PostgreSQL for the apps, and the four app processes
 * (apps/api/src/main.ts and apps/worker/src/main.ts), each on a port of its own.
 */
export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const { print } = opts;
  const random = mulberry32(opts.seed); // the fault plan, repeatable with --seed
  if (opts.attendances % opts.attendees !== 0) throw new Error(`--attendances must be a multiple of ${opts.attendees}`);
  const sessionsCount = opts.attendances / opts.attendees;
  const violations: string[] = [];
  const unexpectedExits: string[] = [];
  const logDir = mkdtempSync(join(tmpdir(), 'cairn-chaos-'));
  const runStart = Date.now();
  let flowStart = 0;
  const stamp = () => {
    const now = new Date();
    const since = flowStart ? `+${((now.getTime() - flowStart) / 1000).toFixed(1)}s` : 'setup';
    return `${now.toISOString().slice(11, 23)} ${since.padStart(7)}`;
  };
  const say = (line: string) => print(`${stamp()}  ${line}`);

  say(
    `chaos: ${opts.attendances} attendances (${sessionsCount} group sessions x ${opts.attendees}), seed ${opts.seed}; ` +
      `faults: ${opts.apiKills} API kill(s), ${opts.workerKills} worker kill(s), 1 Redis restart, 1 PostgreSQL outage of ${opts.postgresOutageMs / 1000} s`,
  );
  say(`process logs in ${logDir}`);
  const db = await createScratchDatabase({ prefix: 'cairn_chaos', migrate: true });
  const owner = new Pool({ connectionString: db.ownerUrl, max: 4 });
  owner.on('error', () => undefined);
  const ports = new Set<number>();
  const redis = new OwnRedis(await stablePort(random, ports), join(logDir, 'redis'));
  const target = new URL(db.appUrl);
  const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }, await stablePort(random, ports));
  const prefix = uniqueQueuePrefix('chaos');
  const processes: Supervised[] = [];
  const logs: WriteStream[] = [];
  let stopFlow = false;
  opts.signal?.addEventListener('abort', () => {
    stopFlow = true;
    violations.push('the run was interrupted');
    for (const p of processes) p.halt();
  });
  const overall = setTimeout(() => {
    stopFlow = true;
    violations.push(`the run did not finish within ${opts.timeoutMs / 60_000} minutes`);
  }, opts.timeoutMs);

  try {
    await seedDemoData({ ownerUrl: db.ownerUrl, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });
    const supervisor = demoStaff('supervisor@sonoran.cairn.test');
    const org = DEMO_ORGS.sonoran.id;
    const sessionIds = await insertGroupSessionFixtures(owner, {
      organizationId: org,
      siteId: DEMO_SITES.tucsonCentral.id,
      facilitatorId: supervisor.id,
      sessions: sessionsCount,
      attendees: opts.attendees,
      label: 'Chaos',
      firstDate: '2025-02-03',
    });

    await redis.start();
    await proxy.start();
    const appUrl = new URL(db.appUrl);
    appUrl.hostname = '127.0.0.1';
    appUrl.port = String(proxy.listenPort);
    const common: NodeJS.ProcessEnv = {
      // 'test': the scratch database's app role has the development password, which production's checks refuse.
      NODE_ENV: 'test',
      DATABASE_URL: appUrl.toString(),
      // 4 processes x (5 + 1 LISTEN) connections: room on a shared server's default max_connections of 100.
      DATABASE_POOL_SIZE: '5',
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
      QUEUE_LOCK_MS: String(opts.queueLockMs),
      OUTBOX_POLL_MS: '250',
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
      DASHBOARDS_NEAR_REAL_TIME_SECONDS: '0',
      DASHBOARDS_BATCH_CRON: 'off',
    };
    const exited = (what: string) => {
      unexpectedExits.push(what);
      say(`!! ${what}; the supervisor starts it again in ${opts.restartDelayMs / 1000} s`);
    };
    for (const [kind, i] of [
      ['api', 1],
      ['api', 2],
      ['worker', 1],
      ['worker', 2],
    ] as const) {
      const port = await stablePort(random, ports);
      const name = `${kind} ${i}`;
      const log = createWriteStream(join(logDir, `${kind}-${i}.log`));
      logs.push(log);
      const env = { ...common, ...(kind === 'api' ? { API_PORT: String(port) } : { WORKER_PORT: String(port) }) };
      const entry = kind === 'api' ? 'apps/api/src/main.ts' : 'apps/worker/src/main.ts';
      processes.push(new Supervised(name, entry, env, `http://127.0.0.1:${port}/health/ready`, log, opts.restartDelayMs, exited));
    }
    const [api1, api2, worker1, worker2] = processes as [Supervised, Supervised, Supervised, Supervised];
    const apis = [api1, api2];
    const workers = [worker1, worker2];
    const apiBase = (i: number) => apis[i]!.healthUrl.replace('/health/ready', '/api/v1');
    for (const p of processes) p.start();
    const allReady = async () => (await Promise.all(processes.map((p) => p.ready()))).every(Boolean);
    const waitUntil = async (check: () => Promise<boolean>, limitMs: number, everyMs = 200): Promise<boolean> => {
      const deadline = Date.now() + limitMs;
      while (Date.now() < deadline && !stopFlow) {
        if (await check()) return true;
        await sleep(everyMs);
      }
      return false;
    };
    if (!(await waitUntil(allReady, 300_000, 500))) throw new Error(`the four processes did not become ready; see ${logDir}`);
    say(`2 API processes (pids ${api1.pid}, ${api2.pid}) and 2 workers (pids ${worker1.pid}, ${worker2.pid}) ready`);
    // The demo data's own events go through the pipeline first.
    await waitUntil(
      async () => Number((await owner.query(`SELECT count(*) AS n FROM pf_outbox_events WHERE sent_at IS NULL`)).rows[0].n) === 0,
      300_000,
      500,
    );

    // ---- the client side: one supervisor signs the sessions and approves their generations through both APIs.
    const retried = { network: 0, answers: {} as Record<string, number> };
    const login = async () => {
      for (;;) {
        const res = await fetch(`${apiBase(0)}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: supervisor.email, password: DEMO_PASSWORD }),
        }).catch(() => undefined);
        if (res?.ok) return ((await res.json()) as { accessToken: string }).accessToken;
        await sleep(500);
      }
    };
    const headers = { authorization: `Bearer ${await login()}`, 'x-organization-id': org, 'content-type': 'application/json' };
    let turn = 0;
    /**
     * A request a client retries until it is answered: on a refused or reset connection, a 5xx or a 503 it tries
     * the other API process after 300 ms (as a load balancer would route around a dead process).
     */
    const send = async (path: string, body: unknown | undefined, accept: (status: number) => boolean): Promise<unknown> => {
      for (;;) {
        if (stopFlow) throw new Error('the run was stopped');
        const api = turn++ % 2;
        let res: Response | undefined;
        try {
          res = await fetch(`${apiBase(api)}${path}`, {
            method: 'POST',
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: AbortSignal.timeout(60_000),
          });
        } catch {
          retried.network++;
          await sleep(300);
          continue;
        }
        const text = await res.text();
        if (accept(res.status)) return text ? JSON.parse(text) : undefined;
        if (res.status === 401) {
          // The access token expired (JWT_ACCESS_TTL_SECONDS): sign in again, as the web app refreshes.
          headers.authorization = `Bearer ${await login()}`;
          continue;
        }
        if (res.status >= 500) {
          let title = '';
          try {
            title = (JSON.parse(text) as { title?: string }).title ?? '';
          } catch {
            // not a problem document
          }
          const key = `${res.status}${title ? ` "${title}"` : ''}`;
          retried.answers[key] = (retried.answers[key] ?? 0) + 1;
          await sleep(300);
          continue;
        }
        throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 500)}`);
      }
    };

    // ---- the fault plan: each fault strikes when the signed sessions pass a random point of its own slice of
    // the first 85 %; the next one waits until the previous has recovered.
    const kinds: FaultKind[] = [
      ...Array<FaultKind>(opts.apiKills).fill('kill-api'),
      ...Array<FaultKind>(opts.workerKills).fill('kill-worker'),
      'restart-redis',
      'pause-postgres',
    ];
    for (let i = kinds.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
    }
    const plan = kinds.map((kind, i) => ({
      kind,
      threshold: Math.floor((sessionsCount * 0.85 * (i + 0.1 + 0.8 * random())) / kinds.length),
      target: Math.floor(random() * 2),
    }));
    const faults: FaultRecord[] = [];
    let nextFault = 0;
    let inFlight: Promise<void> | undefined;
    let documented = 0;

    // ---- progress: generations + approvals + charges of the run's sessions, sampled from the database directly.
    const samples: Sample[] = [];
    const counters = async () => {
      const { rows } = await owner.query<{ g: string; a: string; c: string }>(
        `SELECT count(*) AS g, count(*) FILTER (WHERE g.status = 'approved') AS a, count(c.id) AS c
         FROM cl_group_encounter_generations g
         LEFT JOIN pm_charges c ON c.organization_id = g.organization_id AND c.source_type = 'group_encounter_generation' AND c.source_id = g.id
         WHERE g.organization_id = $1 AND g.group_session_id = ANY($2::uuid[])`,
        [org, sessionIds],
      );
      return { generations: Number(rows[0]!.g), approved: Number(rows[0]!.a), charged: Number(rows[0]!.c) };
    };
    let sampling = true;
    let latest = { generations: 0, approved: 0, charged: 0 };
    const sampler = (async () => {
      while (sampling) {
        try {
          latest = await counters();
          samples.push({ t: Date.now(), value: latest.generations + latest.approved + latest.charged });
        } catch {
          // the owner's own connection is direct, never through the proxy; a failed sample is simply skipped
        }
        await sleep(250);
      }
    })();
    const progressAfter = async (since: number): Promise<number | null> => {
      const base = [...samples].reverse().find((s) => s.t <= since)?.value ?? 0;
      const moved = await waitUntil(async () => samples.some((s) => s.t > since && s.value > base), 300_000, 100);
      if (!moved) return null;
      return samples.find((s) => s.t > since && s.value > base)!.t - since;
    };

    const strike = async (step: (typeof plan)[number]): Promise<void> => {
      const at = Date.now();
      const record: FaultRecord = {
        kind: step.kind,
        what: '',
        at: at - flowStart,
        lastedMs: 0,
        healthyAfterMs: null,
        progressAfterMs: null,
        documentedSessions: documented,
      };
      let end = at;
      if (step.kind === 'kill-api' || step.kind === 'kill-worker') {
        const target = (step.kind === 'kill-api' ? apis : workers)[step.target]!;
        record.what = `SIGKILL ${target.name} (pid ${target.pid})`;
        say(`FAULT ${record.what}`);
        target.kill();
      } else if (step.kind === 'restart-redis') {
        record.what = `SIGKILL redis-server, start it again after ${opts.redisDownMs / 1000} s`;
        say(`FAULT ${record.what}`);
        await redis.kill();
        await sleep(opts.redisDownMs);
        await redis.start();
        end = Date.now();
      } else {
        record.what =
          `PostgreSQL taken from the apps for ${opts.postgresOutageMs / 1000} s at the TCP proxy ` +
          `(every open connection reset, new ones refused until it ends)`;
        say(`FAULT ${record.what}`);
        const { cut } = await proxy.outage(opts.postgresOutageMs);
        end = Date.now();
        record.what += `: ${cut} connections cut`;
      }
      record.lastedMs = end - at;
      faults.push(record);
      // Let the failure register before asking whether everything is well again (a killed process's port answers
      // nothing at once; an outage's dead connections are found on their next use).
      await sleep(Math.min(500, opts.restartDelayMs));
      const [healthy, progress] = await Promise.all([
        waitUntil(allReady, 300_000, 100).then((ok) => (ok ? Date.now() - end : null)),
        progressAfter(end),
      ]);
      record.healthyAfterMs = healthy;
      record.progressAfterMs = progress;
      const secs = (ms: number | null) => (ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`);
      if (healthy === null) violations.push(`no recovery after "${record.what}": not every process answered /health/ready`);
      say(
        `RECOVERED from ${step.kind}${record.lastedMs ? ` (down ${secs(record.lastedMs)})` : ''}: every process ready after ${secs(healthy)}, ` +
          `pipeline moving again after ${progress === null ? 'n/a (nothing was left to do)' : secs(progress)}`,
      );
    };
    /** Starts the faults whose point the signed sessions have reached, one at a time. */
    const maybeStrike = async (): Promise<void> => {
      while (nextFault < plan.length && documented >= plan[nextFault]!.threshold) {
        if (inFlight) {
          await inFlight;
          continue; // another documenter may have started the next fault meanwhile
        }
        const step = plan[nextFault++]!;
        inFlight = strike(step)
          .catch(fail)
          .finally(() => (inFlight = undefined));
        return;
      }
    };

    // The first error of the client, the sampler or a fault stops the flow; the run then reports it.
    let firstError: unknown;
    const fail = (e: unknown) => {
      if (firstError === undefined) firstError = e;
      stopFlow = true;
    };
    flowStart = Date.now();
    say(
      `flow begins: signing ${sessionsCount} sessions (4 in flight) and approving their attendees as they appear, alternately through both APIs`,
    );
    let cursor = 0;
    const documenter = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (cursor < sessionIds.length && !stopFlow) {
          await maybeStrike();
          if (cursor >= sessionIds.length) break; // the others took the last ones while this one waited
          const id = sessionIds[cursor++]!;
          // 409: already documented (an earlier try committed before its answer was lost).
          await send(`/group-sessions/${id}/document`, undefined, (s) => s === 200 || s === 409);
          documented++;
        }
      }),
    ).catch(fail);
    let approvedByRequests = 0;
    const approver = (async () => {
      for (;;) {
        if (stopFlow) return;
        const { rows } = await owner.query<{ id: string }>(
          `SELECT id FROM cl_group_encounter_generations
           WHERE organization_id = $1 AND group_session_id = ANY($2::uuid[]) AND status = 'pending_review' ORDER BY created_at LIMIT 200`,
          [org, sessionIds],
        );
        if (!rows.length) {
          if (latest.approved >= opts.attendances) return;
          const left = await counters();
          if (left.approved >= opts.attendances) return;
          await sleep(250);
          continue;
        }
        const ids = rows.map((r) => r.id);
        await Promise.all(
          [ids.slice(0, 100), ids.slice(100)]
            .filter((b) => b.length)
            .map(async (batch) => {
              const res = (await send('/group-encounter-generations/approve', { ids: batch }, (s) => s === 200)) as {
                results: { outcome: string }[];
              };
              for (const r of res.results) {
                if (r.outcome === 'approved') approvedByRequests++;
                else if (r.outcome !== 'already_approved') violations.push(`an approval answered ${r.outcome}`);
              }
            }),
        );
      }
    })().catch(fail);
    await documenter;
    const signedAt = Date.now();
    say(`all ${sessionsCount} sessions signed`);
    // Faults whose point the last sessions passed all at once still strike, in order.
    while (nextFault < plan.length && !stopFlow) await maybeStrike();
    await approver;
    say(`all ${opts.attendances} attendees approved (${approvedByRequests} by this run's requests' own answers)`);
    if (inFlight) await inFlight;
    if (firstError !== undefined) throw firstError;

    // ---- settle: every charge made, every outbox row sent, every queue empty.
    const queueConnection = new Redis(redis.url, { maxRetriesPerRequest: 3 });
    const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: queueConnection, prefix }));
    const jobCounts = async () => {
      let pending = 0;
      let failed = 0;
      for (const q of queues) {
        const c = await q.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed');
        failed += c['failed'] ?? 0;
        pending += Object.entries(c).reduce((n, [k, v]) => (k === 'failed' ? n : n + (v ?? 0)), 0);
      }
      return { pending, failed };
    };
    const unsent = async () => Number((await owner.query(`SELECT count(*) AS n FROM pf_outbox_events WHERE sent_at IS NULL`)).rows[0].n);
    let jobs = { pending: -1, failed: 0 };
    let outboxUnsent = -1;
    await waitUntil(
      async () => {
        const c = await counters();
        if (c.charged < c.approved) return false;
        outboxUnsent = await unsent();
        jobs = await jobCounts();
        return outboxUnsent === 0 && jobs.pending === 0;
      },
      600_000,
      250,
    );
    sampling = false;
    await sampler;
    const lastCharge = Number(
      (
        await owner.query<{ t: string }>(
          `SELECT (extract(epoch FROM max(c.created_at)) * 1000)::float8 AS t FROM pm_charges c
           JOIN cl_group_encounter_generations g ON g.organization_id = c.organization_id AND g.id = c.source_id
           WHERE g.organization_id = $1 AND g.group_session_id = ANY($2::uuid[])`,
          [org, sessionIds],
        )
      ).rows[0]!.t,
    );
    const flowSeconds = (Math.max(lastCharge, signedAt) - flowStart) / 1000;
    say(`settled: last charge ${((lastCharge - flowStart) / 1000).toFixed(1)} s after the flow began`);
    outboxUnsent = await unsent();
    jobs = await jobCounts();
    for (const q of queues) await q.close();
    queueConnection.disconnect();

    // ---- the checks.
    const gens = await owner.query<{ approved: string; charges: string; lost: string; doubled: string }>(
      `SELECT count(*) FILTER (WHERE g.status = 'approved') AS approved,
              coalesce(sum(c.n), 0) AS charges,
              count(*) FILTER (WHERE g.status = 'approved' AND coalesce(c.n, 0) = 0) AS lost,
              coalesce(sum(greatest(c.n - 1, 0)), 0) AS doubled
       FROM cl_group_encounter_generations g
       LEFT JOIN (SELECT organization_id, source_id, count(*) AS n FROM pm_charges WHERE source_type = 'group_encounter_generation'
                  GROUP BY organization_id, source_id) c ON c.organization_id = g.organization_id AND c.source_id = g.id
       WHERE g.organization_id = $1 AND g.group_session_id = ANY($2::uuid[])`,
      [org, sessionIds],
    );
    const approvedAttendees = Number(gens.rows[0]!.approved);
    const charges = Number(gens.rows[0]!.charges);
    const lost = Number(gens.rows[0]!.lost);
    const doubled = Number(gens.rows[0]!.doubled);
    // Each pipeline event handled exactly once by its consumer: one processed-events row per event.
    const perEvent = await owner.query<{ event_type: string; missing: string; twice: string }>(
      `SELECT e.event_type, count(*) FILTER (WHERE coalesce(p.n, 0) = 0) AS missing, count(*) FILTER (WHERE p.n > 1) AS twice
       FROM pf_outbox_events e
       LEFT JOIN (SELECT event_id, count(*) AS n FROM pf_processed_events WHERE consumer = ANY($3::text[]) GROUP BY event_id) p ON p.event_id = e.id
       WHERE e.organization_id = $1 AND e.event_type = ANY($4::text[]) AND e.payload->>'session_id' = ANY($2::text[])
       GROUP BY e.event_type`,
      [
        org,
        sessionIds,
        ['cl.generate-encounters-when-group-session-documented', 'pm.charge-creation'],
        [CL_GROUP_SESSION_DOCUMENTED_V1, CL_GROUP_ENCOUNTERS_APPROVED_V1],
      ],
    );
    const pipelineEventsUnprocessed = perEvent.rows.reduce((n, r) => n + Number(r.missing), 0);
    let eventsAppliedTwice = perEvent.rows.reduce((n, r) => n + Number(r.twice), 0);
    // A charge-creation event applied twice would also leave a second charge.create audit row naming its charges.
    const audit = await owner.query<{ ids: string[] }>(
      `SELECT a.scope->'chargeIds' AS ids FROM pf_audit_events a
       WHERE a.organization_id = $1 AND a.action = 'charge.create' AND a.scope->'chargeIds' ?| (
         SELECT array_agg(c.id::text) FROM pm_charges c JOIN cl_group_encounter_generations g ON g.organization_id = c.organization_id AND g.id = c.source_id
         WHERE g.organization_id = $1 AND g.group_session_id = ANY($2::uuid[]))`,
      [org, sessionIds],
    );
    const audited = audit.rows.flatMap((r) => r.ids);
    eventsAppliedTwice += audited.length - new Set(audited).size;
    if (new Set(audited).size !== charges)
      violations.push(`${charges} charges but ${new Set(audited).size} of them in charge.create audit rows`);

    say('stopping the processes (SIGTERM, drain)');
    await Promise.all(processes.map((p) => p.stop()));
    const chains = await verifyAuditLog(db.ownerUrl);
    const dashboards = await verifyDashboardAudit(db.ownerUrl);
    const auditProblems = [
      ...chains.filter((c) => c.problem).map((c) => `chain ${c.chainKey}: ${c.problem} at seq ${c.firstBrokenSeq}`),
      ...dashboards.problems.map((p) => `dashboard audit row ${p.eventId}: ${p.problem}`),
    ];

    if (approvedAttendees !== opts.attendances) violations.push(`${approvedAttendees} of ${opts.attendances} attendees approved`);
    if (lost) violations.push(`${lost} approved attendees without a charge`);
    if (doubled) violations.push(`${doubled} charges doubled`);
    if (eventsAppliedTwice) violations.push(`${eventsAppliedTwice} events applied twice`);
    if (outboxUnsent) violations.push(`${outboxUnsent} outbox events never sent`);
    if (pipelineEventsUnprocessed)
      violations.push(`${pipelineEventsUnprocessed} pipeline events without their consumer's processed-events row`);
    if (jobs.pending) violations.push(`${jobs.pending} jobs still waiting or active`);
    if (jobs.failed) violations.push(`${jobs.failed} jobs failed (left for an administrator's retry)`);
    violations.push(...auditProblems);
    // A process that ends on its own under these faults is a defect, though the supervisor started it again.
    violations.push(...unexpectedExits.map((e) => `a process ended on its own: ${e}`));
    const kindsStruck = new Set(faults.map((f) => f.kind));
    for (const k of new Set(kinds)) if (!kindsStruck.has(k)) violations.push(`the fault ${k} never struck`);

    return {
      attendances: opts.attendances,
      sessions: sessionsCount,
      faults,
      unexpectedExits,
      retriedRequests: retried,
      flowSeconds,
      attendancesPerSecond: opts.attendances / flowSeconds,
      approvedAttendees,
      charges,
      lost,
      doubled,
      eventsAppliedTwice,
      outboxUnsent,
      pipelineEventsUnprocessed,
      jobsPending: jobs.pending,
      jobsFailed: jobs.failed,
      auditChains: chains.length,
      auditEventsChecked: chains.reduce((n, c) => n + c.eventsChecked, 0),
      auditProblems,
      violations,
    };
  } finally {
    clearTimeout(overall);
    stopFlow = true;
    await Promise.all(processes.map((p) => p.stop()));
    for (const l of logs) l.end();
    await obliterateQueues(redis.url, prefix).catch(() => undefined);
    await redis.stop();
    await proxy.stop();
    await owner.end();
    await db.drop();
    if (!violations.length && !unexpectedExits.length) rmSync(logDir, { recursive: true, force: true });
    print(`${stamp()}  cleaned up after ${((Date.now() - runStart) / 1000).toFixed(0)} s`);
  }
}

/** The run's account as the CLI prints it at the end. */
export function summary(r: ChaosReport): string[] {
  const s = (ms: number | null) => (ms === null ? '   n/a' : `${(ms / 1000).toFixed(1).padStart(5)} s`);
  return [
    '',
    `chaos: ${r.attendances} attendances (${r.sessions} sessions), 2 API + 2 worker processes`,
    '  faults (time since the flow began; recovery measured from the end of the fault):',
    '    at        fault            down      all ready  progress  what',
    ...r.faults.map(
      (f) =>
        `    ${`+${(f.at / 1000).toFixed(1)}s`.padEnd(9)} ${f.kind.padEnd(16)} ${s(f.lastedMs)}   ${s(f.healthyAfterMs)}   ${s(f.progressAfterMs)}   ${f.what}`,
    ),
    `  unexpected process exits: ${r.unexpectedExits.length ? r.unexpectedExits.join('; ') : 'none'}`,
    `  client requests retried: ${r.retriedRequests.network} (connection refused/reset)${Object.entries(r.retriedRequests.answers)
      .map(([k, n]) => `, ${n} (${k})`)
      .join('')}`,
    `  throughput: ${r.attendances} attendances documented -> charged in ${r.flowSeconds.toFixed(1)} s = ${r.attendancesPerSecond.toFixed(1)} attendances/s, faults and recoveries included`,
    `  approved attendees ${r.approvedAttendees}, charges ${r.charges}, lost ${r.lost}, doubled ${r.doubled}, events applied twice ${r.eventsAppliedTwice}`,
    `  outbox events unsent ${r.outboxUnsent}, pipeline events unprocessed ${r.pipelineEventsUnprocessed}, jobs pending ${r.jobsPending}, jobs failed ${r.jobsFailed}`,
    `  audit: ${r.auditChains} chains, ${r.auditEventsChecked} events verified, ${r.auditProblems.length ? r.auditProblems.join('; ') : 'intact'}`,
    r.violations.length ? `  VIOLATIONS:\n${r.violations.map((v) => `    - ${v}`).join('\n')}` : '  result: OK, no violation',
  ];
}
