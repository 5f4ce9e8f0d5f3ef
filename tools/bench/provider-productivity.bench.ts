import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';

import { loadConfig } from '@cairn/platform/config';

import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { applyMigrations, migrationStatus } from '../db/migrations';
import { dropDatabase, provisionDatabase, ProvisionedDatabase } from '../db/provision';
import { DEMO_TEST_TODAY, seedDemoData } from '../seed/seed-demo-data';
import { adminUrlFromEnv, DEFAULT_REDIS_URL } from '../testing/test-env';

/**
 * `npm run bench:productivity`: p50/p95/p99 of GET /api/v1/hr/provider-productivity (one organization, one
 * quarter, 50 providers) through the real API over HTTP, and of get_provider_productivity(...) alone (the
 * SELECT, as the app role, in a transaction carrying the same tenant context), and their ratio.
 *
 * It builds its own large-scale database the first time (`cairn_bench_productivity` on the server of
 * TEST_DATABASE_ADMIN_URL or DATABASE_URL, default postgres@127.0.0.1:5432; BENCH_DATABASE names another):
 * provisioned, migrated and seeded with `--scale large` (50 providers, >1,000,000 appointments and notes;
 * a few minutes), then reuses it; BENCH_REBUILD=1 forces a rebuild. The API listens on an ephemeral port.
 * Environment: BENCH_REQUESTS (default 300), BENCH_WARMUP (default 30), REDIS_URL.
 * Targets: API p95 <= 50 ms and API/SQL p95 <= 1.5.
 */
const DATABASE = process.env['BENCH_DATABASE'] ?? 'cairn_bench_productivity';
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 300);
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 30);
const PERIOD = { periodStart: '2025-10-01', periodEnd: '2025-12-31' };
const EMAIL = 'hr@sonoran.cairn.test';
const log = (m: string) => console.log(m);

async function largeEnough(ownerUrl: string): Promise<boolean> {
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ appts: number; notes: number; providers: number }>(
      `SELECT (SELECT count(*) FROM pm_appointments a JOIN pf_organizations o ON o.id = a.organization_id AND o.slug = 'sonoran')::int AS appts,
              (SELECT count(*) FROM cl_progress_notes n JOIN pf_organizations o ON o.id = n.organization_id AND o.slug = 'sonoran')::int AS notes,
              (SELECT count(DISTINCT a.provider_id) FROM pm_appointments a JOIN pf_organizations o ON o.id = a.organization_id AND o.slug = 'sonoran')::int AS providers`,
    );
    const r = rows[0]!;
    log(
      `  found: ${r.appts.toLocaleString('en-US')} appointments, ${r.notes.toLocaleString('en-US')} notes, ${r.providers} providers in Sonoran`,
    );
    return r.appts >= 1_000_000 && r.notes >= 1_000_000 && r.providers >= 50;
  } catch {
    return false;
  } finally {
    await c.end();
  }
}

/** Finds the benchmark database, or builds it (provision, migrate, seed large, vacuum). */
async function locateDatabase(): Promise<ProvisionedDatabase> {
  const adminUrl = adminUrlFromEnv();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])).rowCount === 1;
  await admin.end();
  let db = await provisionDatabase({ adminUrl, database: DATABASE });
  let fresh = !exists || process.env['BENCH_REBUILD'] === '1';
  if (!fresh) {
    const status = await migrationStatus(db.ownerUrl).catch(() => undefined);
    if (!status || status.edited.length || status.failed.length || status.unknownInDatabase.length) {
      log(`  ${DATABASE}: its migrations differ from this checkout; rebuilding it`);
      fresh = true;
    } else {
      if (status.pending.length) await applyMigrations(db.ownerUrl);
      fresh = !(await largeEnough(db.ownerUrl));
    }
  }
  if (fresh) {
    log(`Building ${DATABASE} at scale large (a few minutes)...`);
    await dropDatabase(adminUrl, DATABASE);
    db = await provisionDatabase({ adminUrl, database: DATABASE });
    await applyMigrations(db.ownerUrl);
    const s = await seedDemoData({
      ownerUrl: db.ownerUrl,
      scale: 'large',
      seed: 1,
      today: DEMO_TEST_TODAY,
      onProgress: (m) => log(`  ${m}`),
    });
    log(
      `  seeded in ${(s.elapsedMs / 1000).toFixed(0)} s: ${s.totals.appointments.toLocaleString('en-US')} appointments, ${s.totals.progressNotes.toLocaleString('en-US')} notes`,
    );
    const c = new Client({ connectionString: db.adminUrl });
    await c.connect();
    // The seed rewrites the rollup rows batch by batch: compact them, then vacuum and analyse everything (as
    // autovacuum would in time; the plain VACUUM also sets the visibility map that index-only scans rely on).
    for (const t of ['wf_provider_patient_activity', 'wf_appointment_rollup', 'wf_note_rollup']) await c.query(`VACUUM (FULL) ${t}`);
    for (const t of ['wf_provider_patient_activity', 'wf_appointment_rollup', 'wf_note_rollup', 'pm_appointments', 'cl_progress_notes'])
      await c.query(`VACUUM (ANALYZE) ${t}`);
    await c.end();
  }
  return db;
}

function percentiles(ms: number[]): { p50: number; p95: number; p99: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1]! };
}

async function main(): Promise<void> {
  const db = await locateDatabase();
  // The bench signs in through the API it starts: any secret of its own will do.
  const config = loadConfig({
    JWT_SECRET: randomBytes(32).toString('base64url'),
    ...process.env,
    DATABASE_URL: db.appUrl,
    REDIS_URL: process.env['REDIS_URL'] || DEFAULT_REDIS_URL,
    LOG_LEVEL: 'silent',
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register({ config })] }).compile();
  const app: INestApplication = moduleRef.createNestApplication({ bufferLogs: true });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const sql = new Client({ connectionString: db.appUrl });
  await sql.connect();
  try {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: 'demo-password-1' }),
    });
    if (!login.ok) throw new Error(`login answered ${login.status}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const url = `${base}/api/v1/hr/provider-productivity?periodStart=${PERIOD.periodStart}&periodEnd=${PERIOD.periodEnd}`;
    const headers = { authorization: `Bearer ${accessToken}` };
    const first = await fetch(url, { headers });
    const body = (await first.json()) as { items: { organizationId: string }[]; suppressedProviderCount: number };
    if (!first.ok) throw new Error(`the API answered ${first.status}: ${JSON.stringify(body)}`);
    const orgId = body.items[0]!.organizationId;
    const userId = await ownerLookup(db.ownerUrl, EMAIL);
    log(
      `GET /api/v1/hr/provider-productivity?periodStart=${PERIOD.periodStart}&periodEnd=${PERIOD.periodEnd} as ${EMAIL}: ${body.items.length} rows ` +
        `(${body.suppressedProviderCount} providers withheld), ${REQUESTS} requests after ${WARMUP} warm-up, one at a time, API and SQL alternating`,
    );

    const apiMs: number[] = [];
    const sqlMs: number[] = [];
    const floorMs: number[] = [];
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      let t = performance.now();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`request ${i} answered ${res.status}`);
      const api = performance.now() - t;

      await sql.query('BEGIN');
      await sql.query(
        `SELECT set_config('app.org_id', $1, true), set_config('app.user_id', $2, true), set_config('app.site_ids', '*', true), set_config('app.patient_scope', 'none', true)`,
        [orgId, userId],
      );
      t = performance.now();
      await sql.query(`SELECT * FROM get_provider_productivity($1, $2, $3, NULL, NULL, 'organization')`, [
        PERIOD.periodStart,
        PERIOD.periodEnd,
        orgId,
      ]);
      const fn = performance.now() - t;
      await sql.query('COMMIT');
      // The request path's floor for comparison: an authenticated route that does no work (GET /me).
      t = performance.now();
      const me = await fetch(`${base}/api/v1/me`, { headers });
      await me.arrayBuffer();
      const floor = performance.now() - t;
      if (i >= WARMUP) {
        apiMs.push(api);
        sqlMs.push(fn);
        floorMs.push(floor);
      }
    }
    const a = percentiles(apiMs);
    const s = percentiles(sqlMs);
    const f = (x: number) => x.toFixed(1).padStart(6);
    log(`                 p50     p95     p99     max   (ms)`);
    log(`API          ${f(a.p50)}  ${f(a.p95)}  ${f(a.p99)}  ${f(a.max)}`);
    log(`SQL function ${f(s.p50)}  ${f(s.p95)}  ${f(s.p99)}  ${f(s.max)}`);
    log(
      `API/SQL      ${(a.p50 / s.p50).toFixed(2).padStart(6)}  ${(a.p95 / s.p95).toFixed(2).padStart(6)}  ${(a.p99 / s.p99).toFixed(2).padStart(6)}`,
    );
    const m = percentiles(floorMs);
    log(`(GET /me     ${f(m.p50)}  ${f(m.p95)}  ${f(m.p99)}  ${f(m.max)}   the authenticated request path without work, for reference)`);
    const met = a.p95 <= 50 && a.p95 / s.p95 <= 1.5;
    log(`target       API p95 <= 50 ms and API/SQL p95 <= 1.5: ${met ? 'met' : 'NOT met'}`);
  } finally {
    await sql.end();
    await app.close();
  }
}

async function ownerLookup(ownerUrl: string, email: string): Promise<string> {
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    return (await c.query<{ id: string }>('SELECT id FROM pf_staff_users WHERE email = $1', [email])).rows[0]!.id;
  } finally {
    await c.end();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
