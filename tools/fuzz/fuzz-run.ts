import 'reflect-metadata';

import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';

import { DEMO_PASSWORD } from '../seed/demo-catalogue';
import { clearLoginCounters } from '../testing/login-counters';
import { startScratchApi } from '../testing/scratch-api';
import {
  Caller,
  FuzzRequest,
  generateRequest,
  IdPools,
  OpenApiDoc,
  Operation,
  operationsOf,
  requestArbitrary,
  requestPlan,
} from './openapi-cases';
import { WriteProbe } from './write-probe';

/**
 * The fuzz run shared by `npm run fuzz` (tools/fuzz/cli.ts) and the test in npm test (tools/fuzz/api-fuzz.int-spec.ts):
 * the real API (same module graph and configureApp as main.ts) against a scratch database of its own with the
 * demo data, the demo logins signed in, and hostile requests generated from the OpenAPI document the app
 * serves, sent one at a time. Each response is checked: no 5xx, every error is problem+json with type, title and
 * status, and a 4xx leaves every table but the audit tables as it was.
 */

/** Every demo login of README.md, plus the anonymous caller. */
export const DEMO_LOGINS = [
  'admin@sonoran.cairn.test',
  'supervisor@sonoran.cairn.test',
  'billing@sonoran.cairn.test',
  'hr@sonoran.cairn.test',
  'clinician@sonoran.cairn.test',
  'frontdesk@sonoran.cairn.test',
  'manager@sonoran.cairn.test',
  'peer@sonoran.cairn.test',
  'admin@cascade.cairn.test',
  // Portal clients (their own token audience): the portal's routes get hostile input from a signed-in client too.
  'client@sonoran.cairn.test',
  'client@cascade.cairn.test',
] as const;
export const ANONYMOUS = 'anonymous';

/** A portal client's login (`client@...`), signed in at the portal's own route. */
const isPortalClient = (email: string) => email.startsWith('client@');

/**
 * The fuzzed API's Redis logical database. Failed logins are counted per account and per client IP in Redis;
 * thousands of them from 127.0.0.1 would throttle the logins of other test files running beside the fuzz test
 * on the same Redis, so the fuzzed API keeps its counters (and queues) in a database of their own.
 */
const FUZZ_REDIS_DB = 13;

/** First and last line of a (Prisma: many-line) error message. */
function summarize(message: string): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const text = lines.length > 1 ? `${lines[0]} … ${lines[lines.length - 1]}` : (lines[0] ?? '');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** The API's error log lines, by request id (the runner sends its own X-Request-Id), to name the cause of a 500. */
class ErrorLog extends Writable {
  readonly byRequest = new Map<string, string>();
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      try {
        const entry = JSON.parse(line) as {
          level?: number;
          requestId?: string;
          req?: { id?: string };
          err?: { type?: string; message?: string };
          msg?: string;
        };
        const id = entry.requestId ?? entry.req?.id;
        if ((entry.level ?? 0) >= 50 && id && entry.err)
          this.byRequest.set(id, `${entry.err.type ?? 'Error'}: ${summarize(String(entry.err.message ?? entry.msg))}`);
      } catch {
        // not a JSON log line
      }
    }
    done();
  }
}

export interface FuzzTarget {
  /** The running API (for supertest), listening at baseUrl. */
  app: INestApplication;
  baseUrl: string;
  ownerUrl: string;
  database: string;
  errors: ErrorLog;
  close(): Promise<void>;
}

/**
 * The API on a scratch database of its own (tools/testing/scratch-api.ts), with the fuzz run's settings: its own
 * Redis logical database, login throttles out of reach, an hour-long access token, and error logs by request id.
 */
export async function startFuzzTarget(
  opts: { serverAdminUrl?: string; redisUrl?: string; env?: Record<string, string | undefined> } = {},
): Promise<FuzzTarget> {
  const errors = new ErrorLog();
  const api = await startScratchApi({
    prefix: 'cairn_fuzz',
    serverAdminUrl: opts.serverAdminUrl,
    redisUrl: opts.redisUrl,
    redisDb: FUZZ_REDIS_DB,
    env: opts.env,
    settings: { JWT_ACCESS_TTL_SECONDS: '3600', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000000000', LOGIN_MAX_FAILURES_PER_IP: '1000000000' },
    logDestination: errors,
  });
  return {
    app: api.app,
    baseUrl: api.baseUrl,
    ownerUrl: api.db.ownerUrl,
    database: api.db.database,
    errors,
    close: async () => {
      await api.close();
      await clearLoginCounters(api.config.REDIS_URL, api.config.QUEUE_PREFIX).catch(() => undefined);
    },
  };
}

export interface HttpAnswer {
  status?: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Transport failure: reset connection, cut stream, timeout. */
  error?: string;
}

/** Sends the request exactly as generated (no URL normalisation), reading the whole answer. */
export function send(baseUrl: string, req: FuzzRequest, extraHeaders: Record<string, string>, timeoutMs = 30_000): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const u = new URL(baseUrl);
    let settled = false;
    const done = (a: HttpAnswer) => {
      if (!settled) {
        settled = true;
        resolve(a);
      }
    };
    let r: ReturnType<typeof httpRequest>;
    try {
      r = httpRequest({
        host: u.hostname,
        port: u.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, ...extraHeaders, ...(req.body ? { 'content-length': String(req.body.length) } : {}) },
        timeout: timeoutMs,
        // A connection per request: on a reused keep-alive socket, a request sent just as the server closes it
        // idle (keepAliveTimeout) is reset, which a loaded machine turned into a false transport-error finding.
        agent: false,
      });
    } catch (e) {
      done({ headers: {}, body: Buffer.alloc(0), error: `client refused to send: ${(e as Error).message}` });
      return;
    }
    r.on('response', (res) => {
      // A Server-Sent Events stream (the dashboards' and the therapists' notification streams) never ends by itself:
      // its status and headers are the answer; the stream is closed at once.
      if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        done({ status: res.statusCode, headers: res.headers, body: Buffer.alloc(0) });
        res.destroy();
        r.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('aborted', () =>
        done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), error: 'response cut off mid-stream' }),
      );
      res.on('error', (e) =>
        done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), error: `response error: ${e.message}` }),
      );
    });
    r.on('timeout', () => {
      r.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    r.on('error', (e) => done({ headers: {}, body: Buffer.alloc(0), error: e.message }));
    r.end(req.body);
  });
}

/** Real ids and codes of the demo data by pool name, read as the owner (RLS bypassed). */
export async function loadPools(ownerUrl: string): Promise<IdPools> {
  const owner = new Pool({ connectionString: ownerUrl, max: 1 });
  const sources: Record<string, string> = {
    sites: 'SELECT organization_id, id::text AS value FROM pf_sites',
    staff: 'SELECT b.organization_id, u.id::text AS value FROM pf_staff_users u JOIN pf_role_bindings b ON b.staff_user_id = u.id',
    patients: 'SELECT organization_id, id::text AS value FROM cl_patients',
    charts: 'SELECT organization_id, id::text AS value FROM cl_charts',
    consents: 'SELECT organization_id, id::text AS value FROM cl_part2_consents',
    progressNotes: 'SELECT organization_id, id::text AS value FROM cl_progress_notes',
    groups: 'SELECT organization_id, id::text AS value FROM cl_groups',
    groupSessions: 'SELECT organization_id, id::text AS value FROM cl_group_sessions',
    generations: 'SELECT organization_id, id::text AS value FROM cl_group_encounter_generations',
    peerEncounters: 'SELECT organization_id, id::text AS value FROM cl_peer_encounters',
    peerServiceTypes: 'SELECT organization_id, id::text AS value FROM cl_peer_service_types',
    peerSupervision: 'SELECT organization_id, id::text AS value FROM cl_peer_supervision',
    appointments: 'SELECT organization_id, id::text AS value FROM pm_appointments',
    feeSchedule: 'SELECT organization_id, id::text AS value FROM pm_fee_schedule_entries',
    failedEvents: 'SELECT organization_id, id::text AS value FROM pf_outbox_events',
    serviceTypes: 'SELECT DISTINCT organization_id, code AS value FROM pm_service_types',
    codes: `SELECT o.id AS organization_id, c.code AS value FROM (SELECT DISTINCT code FROM pf_codes) c CROSS JOIN pf_organizations o`,
    states: `SELECT id AS organization_id, v AS value FROM pf_organizations CROSS JOIN (VALUES ('AZ'), ('OR'), ('ZZ')) s(v)`,
  };
  try {
    const pools: IdPools = {};
    for (const [name, sql] of Object.entries(sources)) {
      // A handful per organization is plenty; ORDER BY keeps a seed's requests the same from run to run.
      const { rows } = await owner.query<{ organization_id: string; value: string }>(
        `SELECT organization_id::text, value FROM (SELECT *, row_number() OVER (PARTITION BY organization_id ORDER BY value) AS k FROM (${sql}) s) r WHERE k <= 12 ORDER BY organization_id, value`,
      );
      pools[name] = rows.map((r) => ({ organizationId: r.organization_id, value: r.value }));
    }
    return pools;
  } finally {
    await owner.end();
  }
}

interface SignedInCaller extends Caller {
  email?: string;
  token?: string;
  signedInAt: number;
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const body = Buffer.from(JSON.stringify({ email, password: DEMO_PASSWORD }));
  const url = isPortalClient(email) ? '/api/v1/portal/auth/login' : '/api/v1/auth/login';
  const res = await send(baseUrl, { method: 'POST', url, headers: { 'content-type': 'application/json' }, body, labels: [] }, {});
  if (res.status !== 200) throw new Error(`demo login ${email} answered ${res.status ?? res.error}: ${res.body.toString().slice(0, 300)}`);
  return (JSON.parse(res.body.toString()) as { accessToken: string }).accessToken;
}

async function signInCaller(baseUrl: string, email: string, organizations: string[]): Promise<SignedInCaller> {
  const token = await signIn(baseUrl, email);
  if (isPortalClient(email)) {
    // A portal token names its one organization (claim `org`); a client has no sites and no /me.
    const org = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { org: string }).org;
    return {
      name: email,
      email,
      token,
      signedInAt: Date.now(),
      organizationId: org,
      otherOrganizationId: organizations.find((o) => o !== org),
      siteIds: [],
    };
  }
  const me = await send(baseUrl, { method: 'GET', url: '/api/v1/me', headers: {}, labels: [] }, { authorization: `Bearer ${token}` });
  const body = JSON.parse(me.body.toString()) as { organizations: { id: string; sites: { id: string }[] }[] };
  const org = body.organizations[0];
  return {
    name: email,
    email,
    token,
    signedInAt: Date.now(),
    organizationId: org?.id,
    otherOrganizationId: organizations.find((o) => o !== org?.id),
    siteIds: org?.sites.map((s) => s.id) ?? [],
  };
}

export type FailureKind = 'server-error' | 'transport-error' | 'not-problem-json' | 'partial-write';

export interface Finding {
  kind: FailureKind;
  operation: string;
  caller: string;
  status?: number;
  /** The classes of hostile input in the request (see openapi-cases.ts). */
  input: string;
  /** What went wrong: the logged exception of a 500, the tables a 4xx wrote, the transport error... */
  detail: string;
  /** The first request that showed it, for replaying by hand. */
  example: { method: string; url: string; headers: Record<string, string>; body?: string };
  occurrences: number;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  elapsedMs: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  transportErrors: number;
  notProblemJson: number;
  partialWrites: number;
  /** Operations in the document, and how many of them answered at least one 2xx (handlers reached). */
  operations: number;
  operationsWithSuccess: number;
  /** Operations no request reached a 2xx of (their handlers' happy paths went unexercised). */
  operationsWithoutSuccess: string[];
  findings: Finding[];
}

function isProblem(status: number, answer: HttpAnswer): boolean {
  const type = String(answer.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return false;
  try {
    const body = JSON.parse(answer.body.toString()) as { type?: unknown; title?: unknown; status?: unknown };
    return typeof body.type === 'string' && typeof body.title === 'string' && body.status === status;
  } catch {
    return false;
  }
}

const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text);

function exampleOf(req: FuzzRequest): Finding['example'] {
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, clip(v, 80)]));
  return { method: req.method, url: clip(req.url, 300), headers, body: req.body ? clip(req.body.toString('utf8'), 300) : undefined };
}

export interface RunOptions {
  seed: number;
  /**
   * Stop after this many requests (the plan repeats every operation × caller pair as often as needed), or send
   * each pair `rounds` times. The same seed and request count replay the same requests.
   */
  requests: number | { rounds: number };
  /** Only operations whose id (`METHOD /path`) contains this. */
  only?: string;
  onProgress?: (sent: number, report: FuzzReport) => void;
}

/** Signs in the demo logins and sends `requests` generated requests to the target, one at a time. */
export async function runFuzz(target: FuzzTarget, opts: RunOptions): Promise<FuzzReport> {
  const docAnswer = await send(target.baseUrl, { method: 'GET', url: '/api/docs-json', headers: {}, labels: [] }, {});
  const doc = JSON.parse(docAnswer.body.toString()) as OpenApiDoc;
  const operations = operationsOf(doc).filter((op) => !opts.only || op.id.includes(opts.only));
  if (operations.length === 0) throw new Error(`no operation matches ${opts.only}`);
  const pools = await loadPools(target.ownerUrl);
  const organizations = [...new Set((pools['sites'] ?? []).map((s) => s.organizationId))];
  const callers: SignedInCaller[] = [];
  for (const email of DEMO_LOGINS) callers.push(await signInCaller(target.baseUrl, email, organizations));
  callers.push({ name: ANONYMOUS, siteIds: [], signedInAt: 0, otherOrganizationId: organizations[0] });

  const pairs = operations.length * callers.length;
  const requests = typeof opts.requests === 'number' ? opts.requests : opts.requests.rounds * pairs;
  const plan = requestPlan(operations, callers, Math.ceil(requests / pairs), opts.seed).slice(0, requests);
  const probe = await WriteProbe.create(target.ownerUrl);
  const report: FuzzReport = {
    seed: opts.seed,
    requests: 0,
    elapsedMs: 0,
    byStatus: {},
    serverErrors: 0,
    transportErrors: 0,
    notProblemJson: 0,
    partialWrites: 0,
    operations: operations.length,
    operationsWithSuccess: 0,
    operationsWithoutSuccess: [],
    findings: [],
  };
  const findings = new Map<string, Finding>();
  const succeeded = new Set<string>();
  const started = Date.now();
  const record = (kind: FailureKind, op: Operation, caller: Caller, req: FuzzRequest, status: number | undefined, detail: string) => {
    const input = req.labels.join(' ') || 'plausible input';
    const key = `${kind}|${op.id}|${status}|${detail}|${kind === 'server-error' || kind === 'transport-error' ? input : ''}`;
    const f = findings.get(key);
    if (f) f.occurrences++;
    else findings.set(key, { kind, operation: op.id, caller: caller.name, status, input, detail, example: exampleOf(req), occurrences: 1 });
  };
  try {
    for (let i = 0; i < plan.length; i++) {
      const { op, caller } = plan[i]!;
      // Tokens live an hour here; sign in again well before (the sign-in's own writes are not the next request's).
      if (caller.email && Date.now() - caller.signedInAt > 30 * 60_000) {
        Object.assign(caller, await signInCaller(target.baseUrl, caller.email, organizations));
        await probe.changedTables();
      }
      const req = generateRequest(requestArbitrary(doc, op, caller, pools), opts.seed, i);
      const requestId = `fuzz-${opts.seed}-${i}`;
      const answer = await send(target.baseUrl, req, {
        'x-request-id': requestId,
        ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
      });
      const changed = await probe.changedTables();
      report.requests++;
      const status = answer.status;
      report.byStatus[status ?? 'none'] = (report.byStatus[status ?? 'none'] ?? 0) + 1;
      if (answer.error) {
        report.transportErrors++;
        record('transport-error', op, caller, req, status, answer.error);
      }
      if (status !== undefined && status >= 500) {
        report.serverErrors++;
        record('server-error', op, caller, req, status, target.errors.byRequest.get(requestId) ?? 'no error logged');
      }
      if (status !== undefined && status >= 400 && !isProblem(status, answer)) {
        report.notProblemJson++;
        record(
          'not-problem-json',
          op,
          caller,
          req,
          status,
          `content-type ${String(answer.headers['content-type'] ?? 'none')}: ${clip(answer.body.toString(), 120)}`,
        );
      }
      if (status !== undefined && status >= 400 && status < 500 && changed.length) {
        report.partialWrites++;
        record('partial-write', op, caller, req, status, `wrote ${changed.join(', ')}`);
      }
      if (status !== undefined && status >= 200 && status < 300) {
        succeeded.add(op.id);
        // A session ended or rotated by the fuzz itself: sign that caller in again.
        if (caller.email && (op.path.startsWith('/api/v1/auth/') || op.path.startsWith('/api/v1/portal/auth/'))) {
          Object.assign(caller, await signInCaller(target.baseUrl, caller.email, organizations));
          await probe.changedTables();
        }
      }
      if (opts.onProgress && (i + 1) % 500 === 0) opts.onProgress(i + 1, report);
    }
  } finally {
    await probe.close();
  }
  report.elapsedMs = Date.now() - started;
  report.operationsWithSuccess = succeeded.size;
  report.operationsWithoutSuccess = operations.map((o) => o.id).filter((id) => !succeeded.has(id));
  report.findings = [...findings.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.operation.localeCompare(b.operation));
  return report;
}

/** The figures and the deduplicated failures, as printed by `npm run fuzz` and by the API test on failure. */
export function formatReport(report: FuzzReport, verbose = false): string {
  const lines = [
    `seed ${report.seed}: ${report.requests} requests in ${(report.elapsedMs / 1000).toFixed(1)} s (${(report.requests / Math.max(report.elapsedMs / 1000, 0.001)).toFixed(1)} requests/s)`,
    `operations: ${report.operations} (${report.operationsWithSuccess} answered 2xx at least once)`,
    `status counts: ${Object.entries(report.byStatus)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ')}`,
    `5xx: ${report.serverErrors}`,
    `errors that are not problem+json: ${report.notProblemJson}`,
    `partial writes (4xx that changed a non-audit table): ${report.partialWrites}`,
    `transport errors (reset, cut off, timeout): ${report.transportErrors}`,
    `distinct failures: ${report.findings.length}`,
  ];
  if (verbose) lines.splice(2, 0, `  never 2xx: ${report.operationsWithoutSuccess.join(', ') || 'none'}`);
  for (const f of report.findings) {
    lines.push(
      `- [${f.kind}] ${f.operation} -> ${f.status ?? 'no status'} x${f.occurrences} as ${f.caller}; input: ${f.input}; ${f.detail}`,
      `    e.g. ${f.example.method} ${f.example.url} headers ${JSON.stringify(f.example.headers)}${f.example.body !== undefined ? ` body ${JSON.stringify(f.example.body)}` : ''}`,
    );
  }
  return lines.join('\n');
}

/** True when the run found nothing that fails it. */
export function passed(report: FuzzReport): boolean {
  return report.findings.length === 0;
}
