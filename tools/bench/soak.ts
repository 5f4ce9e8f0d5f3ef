import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { memoryGrowth, MemorySample, numberOption, percentile } from './soak-stats';

/**
 * `npm run soak -- --minutes N [--interval S] [--concurrency C] [--think MS] [--worker-port P] [--postgres-port P]
 * [--redis-port P]`: holds a mixed load against a running
 * system (`npm start`, or start:prod) for N minutes and reports, per interval, throughput, latency percentiles and
 * errors, and the memory of every Cairn process on the machine (API and worker processes, PostgreSQL, Redis), then
 * per kind of request the percentiles over the run and, per process group, whether memory grew steadily (a leak)
 * or levelled off. The load, per request picked at random by weight:
 *   40 %  read      GET /patients/:id as the supervisor (authenticated, RLS-scoped, audited)
 *   15 %  review    GET /group-encounter-generations (the supervisor's review queue, a page of 25)
 *    5 %  report    GET /hr/provider-productivity for the last full quarter (HR)
 *   25 %  dashboard GET /dashboards/me as a clinician, the front desk or the practice manager
 *   14 %  portal    GET /portal/dashboard as a demo client
 *    1 %  journal   POST /portal/journal-entries (a private entry: a write with its audit row)
 * An expired access token is renewed by signing in again (counted apart, not as an error). Writes the samples to
 * test-output/soak/soak-<time>.json. Environment: API_URL (default http://127.0.0.1:$API_PORT or :3000),
 * SOAK_PASSWORD (default the demo password).
 */
const argv = process.argv.slice(2);
const base = process.env['API_URL'] ?? `http://127.0.0.1:${process.env['API_PORT'] ?? '3000'}`;
const password = process.env['SOAK_PASSWORD'] ?? 'demo-password-1';

type Kind = 'read' | 'review' | 'report' | 'dashboard' | 'portal' | 'journal';
const WEIGHTS: [Kind, number][] = [
  ['read', 40],
  ['review', 15],
  ['report', 5],
  ['dashboard', 25],
  ['portal', 14],
  ['journal', 1],
];

interface Outcome {
  kind: Kind;
  ms: number;
  ok: boolean;
}

class Sessions {
  private readonly tokens = new Map<string, string>();
  renewals = 0;

  constructor(private readonly portalEmails: ReadonlySet<string>) {}

  async token(email: string, renew = false): Promise<string> {
    const known = this.tokens.get(email);
    if (known && !renew) return known;
    const path = this.portalEmails.has(email) ? '/api/v1/portal/auth/login' : '/api/v1/auth/login';
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`signing in as ${email} answered ${res.status}: ${await res.text()}`);
    const token = ((await res.json()) as { accessToken: string }).accessToken;
    if (known) this.renewals += 1;
    this.tokens.set(email, token);
    return token;
  }
}

/** Every process: its parent, so a group can take in the children of the process it found (PostgreSQL backends). */
function processTable(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  return parents;
}

/** The processes listening on a TCP port of this machine (through /proc/net/tcp{,6} and the processes' sockets). */
function listeningOn(port: number, pids: Iterable<number>): number[] {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[1]!.endsWith(`:${hex}`) && f[3] === '0A') inodes.add(f[9]!);
    }
  }
  const found: number[] = [];
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) {
          found.push(pid);
          break;
        }
      } catch {
        // closed meanwhile
      }
    }
  }
  return found;
}

/** The PostgreSQL server (postmaster) serving a port, found by its data directory's postmaster.pid (also for a socket-only server). */
function postmasterOf(port: number, parents: Map<number, number>): number[] {
  for (const pid of parents.keys()) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const lines = readFileSync(`/proc/${pid}/cwd/postmaster.pid`, 'utf8').split('\n');
      if (Number(lines[0]) === pid && Number(lines[3]) === port) return [pid];
    } catch {
      // not a postmaster, or not readable
    }
  }
  return [];
}

/** The processes and all their descendants. */
function withDescendants(roots: readonly number[], parents: Map<number, number>): number[] {
  const all = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!all.has(pid) && all.has(parent)) {
        all.add(pid);
        grew = true;
      }
    }
  }
  return [...all];
}

/**
 * The processes of the system under test, by the ports they serve (other Cairn systems on the machine, e.g. a test
 * run's, are left out): the API (the API_URL's port, and any processes it forked), the worker (--worker-port,
 * default 3001), PostgreSQL (--postgres-port, default npm start's embedded 54329, else 5432: the server and its
 * backends) and Redis (--redis-port, default 6379).
 */
function processGroups(ports: { api: number; worker: number; postgres: number; redis: number }): Record<string, number[]> {
  const parents = processTable();
  const pids = [...parents.keys()];
  const pg = postmasterOf(ports.postgres, parents);
  return {
    api: withDescendants(listeningOn(ports.api, pids), parents),
    worker: withDescendants(listeningOn(ports.worker, pids), parents),
    postgres: withDescendants(pg.length > 0 ? pg : postmasterOf(5432, parents), parents),
    redis: listeningOn(ports.redis, pids),
  };
}

/** Proportional set size in MB (shared pages split among the processes sharing them), summed over the pids. */
function pssMb(pids: readonly number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // The process ended between the scan and the read.
    }
  }
  return kb / 1024;
}

function lastFullQuarter(today: Date): { periodStart: string; periodEnd: string } {
  const q = Math.floor(today.getUTCMonth() / 3);
  const startMonth = q === 0 ? 9 : (q - 1) * 3;
  const year = q === 0 ? today.getUTCFullYear() - 1 : today.getUTCFullYear();
  const start = new Date(Date.UTC(year, startMonth, 1));
  const end = new Date(Date.UTC(year, startMonth + 3, 0));
  return { periodStart: start.toISOString().slice(0, 10), periodEnd: end.toISOString().slice(0, 10) };
}

async function main(): Promise<void> {
  const minutes = numberOption(argv, 'minutes', 10);
  const intervalS = numberOption(argv, 'interval', Math.max(10, Math.round((minutes * 60) / 30)));
  const concurrency = Math.round(numberOption(argv, 'concurrency', 8));
  const thinkMs = argv.includes('--think') ? numberOption(argv, 'think', 1) : 20;

  const portalClients = ['client@sonoran.cairn.test', 'client2@sonoran.cairn.test', 'client3@sonoran.cairn.test'];
  const dashboardUsers = ['clinician@sonoran.cairn.test', 'frontdesk@sonoran.cairn.test', 'manager@sonoran.cairn.test'];
  const sessions = new Sessions(new Set(portalClients));
  const supervisor = 'supervisor@sonoran.cairn.test';
  const hr = 'hr@sonoran.cairn.test';

  const first = await sessions.token(supervisor);
  const page = await fetch(`${base}/api/v1/patients?pageSize=50`, { headers: { authorization: `Bearer ${first}` } });
  if (!page.ok) throw new Error(`GET /patients answered ${page.status}: is the system running with the demo data (npm start)?`);
  const ids = ((await page.json()) as { items: { id: string }[] }).items.map((p) => p.id);
  if (ids.length === 0) throw new Error(`${supervisor} sees no patients; load the demo data first (npm start does).`);
  for (const email of [hr, ...dashboardUsers, ...portalClients]) await sessions.token(email);
  const quarter = lastFullQuarter(new Date());
  const ports = {
    api: Number(new URL(base).port || (new URL(base).protocol === 'https:' ? 443 : 80)),
    worker: numberOption(argv, 'worker-port', 3001),
    postgres: numberOption(argv, 'postgres-port', 54329),
    redis: numberOption(argv, 'redis-port', 6379),
  };
  const groups = processGroups(ports);
  if (groups['api']!.length === 0) console.log('(no API process found on this machine: memory of the API is not reported)');

  const pick = (): Kind => {
    let r = Math.random() * 100;
    for (const [kind, weight] of WEIGHTS) {
      r -= weight;
      if (r < 0) return kind;
    }
    return 'read';
  };
  const any = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
  const request = (kind: Kind): [string, string, RequestInit?] => {
    switch (kind) {
      case 'read':
        return [supervisor, `/api/v1/patients/${any(ids)}`];
      case 'review':
        return [supervisor, '/api/v1/group-encounter-generations?pageSize=25'];
      case 'report':
        return [hr, `/api/v1/hr/provider-productivity?periodStart=${quarter.periodStart}&periodEnd=${quarter.periodEnd}`];
      case 'dashboard':
        return [any(dashboardUsers), '/api/v1/dashboards/me'];
      case 'portal':
        return [any(portalClients), '/api/v1/portal/dashboard'];
      case 'journal':
        return [
          any(portalClients),
          '/api/v1/portal/journal-entries',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ body: 'A quiet evening; wrote this during the soak run.', sharedWithClinician: false }),
          },
        ];
    }
  };
  const once = async (kind: Kind): Promise<Outcome> => {
    const [email, path, init] = request(kind);
    for (let attempt = 0; ; attempt++) {
      const token = await sessions.token(email, attempt > 0);
      const t = performance.now();
      const res = await fetch(`${base}${path}`, { ...init, headers: { ...init?.headers, authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      const ms = performance.now() - t;
      if (res.status === 401 && attempt === 0) continue; // the access token expired: sign in again, then retry
      return { kind, ms, ok: res.ok };
    }
  };

  const started = Date.now();
  const endAt = started + minutes * 60_000;
  let window: Outcome[] = [];
  const all: Outcome[] = [];
  const memory: Record<string, MemorySample[]> = Object.fromEntries(Object.keys(groups).map((g) => [g, []]));
  const rows: Record<string, number>[] = [];
  const groupNames = Object.keys(groups).filter((g) => groups[g]!.length > 0);

  const sampleMemory = (minute: number): Record<string, number> => {
    const now = processGroups(ports); // restarted or added processes count from the moment they appear
    const mb: Record<string, number> = {};
    for (const g of groupNames) {
      mb[g] = pssMb(now[g]!);
      memory[g]!.push({ minute, mb: mb[g]! });
    }
    return mb;
  };
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(
    `soak: ${minutes} min against ${base}, ${concurrency} concurrent loops, ${thinkMs} ms think time, a row every ${intervalS} s`,
  );
  console.log(
    `${pad('min', 6)} ${pad('req/s', 7)} ${pad('p50', 6)} ${pad('p95', 6)} ${pad('p99', 6)} ${pad('errors', 7)}   ` +
      groupNames.map((g) => pad(`${g} MB`, 12)).join(' '),
  );
  sampleMemory(0);

  const report = setInterval(() => {
    const minute = (Date.now() - started) / 60_000;
    const w = window;
    window = [];
    const ms = w.map((o) => o.ms);
    const errors = w.filter((o) => !o.ok).length;
    const mb = sampleMemory(minute);
    rows.push({
      minute,
      rps: w.length / intervalS,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      p99: percentile(ms, 99),
      errors,
      ...mb,
    });
    console.log(
      `${pad(minute.toFixed(1), 6)} ${pad((w.length / intervalS).toFixed(0), 7)} ${pad(percentile(ms, 50).toFixed(0), 6)} ` +
        `${pad(percentile(ms, 95).toFixed(0), 6)} ${pad(percentile(ms, 99).toFixed(0), 6)} ${pad(errors, 7)}   ` +
        groupNames.map((g) => pad(mb[g]!.toFixed(0), 12)).join(' '),
    );
  }, intervalS * 1000);

  const loop = async () => {
    while (Date.now() < endAt) {
      let outcome: Outcome;
      const kind = pick();
      try {
        outcome = await once(kind);
      } catch {
        outcome = { kind, ms: 0, ok: false };
      }
      window.push(outcome);
      all.push(outcome);
      if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  clearInterval(report);

  console.log('\nper kind over the run        count   p50     p95     p99   errors (ms)');
  for (const [kind] of WEIGHTS) {
    const xs = all.filter((o) => o.kind === kind);
    const ms = xs.map((o) => o.ms);
    console.log(
      `  ${kind.padEnd(24)} ${pad(xs.length, 7)} ${pad(percentile(ms, 50).toFixed(1), 7)} ${pad(percentile(ms, 95).toFixed(1), 7)} ` +
        `${pad(percentile(ms, 99).toFixed(1), 7)} ${pad(xs.filter((o) => !o.ok).length, 6)}`,
    );
  }
  console.log(`  (access tokens renewed by signing in again: ${sessions.renewals})`);
  console.log('\nmemory (proportional set size; the first 20 % of the run is warm-up and not judged)');
  const verdicts: Record<string, ReturnType<typeof memoryGrowth>> = {};
  for (const g of groupNames) {
    const v = memoryGrowth(memory[g]!);
    verdicts[g] = v;
    console.log(
      `  ${g.padEnd(9)} ${v.firstQuarterMb.toFixed(0).padStart(6)} MB -> ${v.lastQuarterMb.toFixed(0).padStart(6)} MB ` +
        `(first and last quarter), ${Number.isNaN(v.mbPerMinute) ? '-' : v.mbPerMinute.toFixed(2)} MB/min: ${v.verdict}`,
    );
  }
  const errors = all.filter((o) => !o.ok).length;
  console.log(`\n${all.length} requests, ${errors} errors`);
  const out = join(process.cwd(), 'test-output', 'soak');
  mkdirSync(out, { recursive: true });
  const file = join(out, `soak-${new Date(started).toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ base, minutes, intervalS, concurrency, thinkMs, rows, memory, verdicts, errors }, null, 2));
  console.log(`samples written to ${file}`);
  if (Object.values(verdicts).some((v) => v.verdict === 'steady growth')) process.exitCode = 3;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
