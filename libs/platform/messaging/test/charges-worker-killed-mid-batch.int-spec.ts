import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import Redis from 'ioredis';

import { CL_GROUP_ENCOUNTERS_APPROVED_V1, ClGroupEncountersApprovedV1 } from '@cairn/platform/clinical';
import { withTenant, type PrismaClient } from '@cairn/platform/db';
import { freePort } from '@cairn/testing';

import { buildEvent, writeOutboxEvent } from '../src';
import {
  appPrisma,
  createMessagingTestDb,
  expectQueueDrainedWithoutFailures,
  MessagingTestDb,
  obliterateQueues,
  spawnEntry,
  uniqueQueuePrefix,
  waitFor,
} from './probe';

// Real services on a machine shared with other test runs: generous time limits; the waits inside have their own.
jest.setTimeout(180_000);

// Issue 4: the REAL worker process (apps/worker/src/main.ts: relay + PM's charge-creation consumer) is SIGKILLed
// while it works through 200 sessions' worth of cl_group_encounters_approved.v1 events (5 generations each),
// then started again: exactly one charge per approved generation (1,000), none lost, none doubled.
const SESSIONS = 200;
const PER_SESSION = 5;
const TOTAL = SESSIONS * PER_SESSION;
const prefix = uniqueQueuePrefix('charges-sigkill');
let db: MessagingTestDb;
let prisma: PrismaClient;
const children: ChildProcess[] = [];

async function spawnWorker(): Promise<ChildProcess> {
  const child = spawnEntry('apps/worker/src/main.ts', {
    DATABASE_URL: db.appUrl,
    WORKER_PORT: String(await freePort()),
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'error',
    // Small relay batches and short job locks, so the kill lands mid-batch and the dead worker's jobs are taken
    // over within seconds instead of the production 30 s.
    OUTBOX_BATCH_SIZE: '20',
    OUTBOX_POLL_MS: '100',
    QUEUE_LOCK_MS: '2000',
    QUEUE_CONCURRENCY: '4',
  });
  children.push(child);
  return child;
}

const count = async (sql: string, params: unknown[]) => Number((await db.owner.query(sql, params)).rows[0].n);

beforeAll(async () => {
  db = await createMessagingTestDb('charges_sigkill');
  prisma = appPrisma(db.appUrl);
}, 90_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await obliterateQueues(process.env['REDIS_URL']!, prefix);
  await prisma?.$disconnect();
  await db?.drop();
});

it('creates exactly one charge per approved generation after the worker process is SIGKILLed mid-batch and restarted', async () => {
  const owner = db.owner;
  // Fixtures as the owner: an Arizona organization with a site, a fee schedule (90853 per session; H0038 has no
  // entry, so one charge per session goes on hold), and the 1,000 group encounters CL's generation created.
  const org = db.orgs[0];
  const site = randomUUID();
  const provider = randomUUID();
  await owner.query(`INSERT INTO pf_organizations (id, name, slug, jurisdiction) VALUES ($1, 'SIGKILL charges', $2, 'AZ')`, [
    org,
    `sigkill-${org}`,
  ]);
  await owner.query(`INSERT INTO pf_sites (organization_id, id, code, name) VALUES ($1, $2, 'main', 'Main')`, [org, site]);
  await owner.query(
    `INSERT INTO pm_fee_schedule_entries (organization_id, id, code_system, code, modifier_match, effective_from, rate_cents, unit_basis)
                     VALUES ($1, $2, 'CPT', '90853', 'any', '2025-01-01', 4200, 'per_session')`,
    [org, randomUUID()],
  );
  const events = Array.from({ length: SESSIONS }, () => {
    const sessionId = randomUUID();
    const generations = Array.from({ length: PER_SESSION }, (_, i) => ({
      generation_id: randomUUID(),
      encounter_id: randomUUID(),
      patient_id: randomUUID(),
      proposed_cpt_code: i === 0 ? 'H0038' : '90853',
      duration_minutes: 60,
      modifiers: i === 0 ? ['HQ'] : [],
    }));
    const payload: ClGroupEncountersApprovedV1 = { organization_id: org, session_id: sessionId, approved_generations: generations };
    return buildEvent(CL_GROUP_ENCOUNTERS_APPROVED_V1, org, payload);
  });
  const gens = events.flatMap((e) => e.payload.approved_generations.map((g) => ({ ...g, sessionId: e.payload.session_id })));
  await owner.query(
    `
    INSERT INTO pm_encounters (organization_id, id, patient_id, chart_id, site_id, encounter_type, service_date, rendering_provider_id,
                               duration_minutes, attendance_status, source_type, source_id)
    SELECT $1, t.id, t.patient_id, gen_random_uuid(), $2, 'group', '2026-03-10', $3, 60, 'present', 'group_session', t.session_id
    FROM unnest($4::uuid[], $5::uuid[], $6::uuid[]) AS t(id, patient_id, session_id)`,
    [org, site, provider, gens.map((g) => g.encounter_id), gens.map((g) => g.patient_id), gens.map((g) => g.sessionId)],
  );
  // The approvals, committed to the outbox as CL would (10 per transaction).
  for (let i = 0; i < SESSIONS; i += 10) {
    await withTenant(prisma, { organizationId: org, userId: '', siteIds: 'all', patientScope: 'system' }, async (tx) => {
      for (const e of events.slice(i, i + 10)) await writeOutboxEvent(tx, e);
    });
  }
  const charges = () => count('SELECT count(*) AS n FROM pm_charges WHERE organization_id = $1', [org]);

  const first = await spawnWorker();
  const exited = new Promise((resolve) => first.once('exit', resolve));
  await waitFor('the first worker to create some charges', async () => (await charges()) >= 50, 90_000, 20);
  first.kill('SIGKILL');
  await exited;
  const atKill = await charges();
  expect(atKill).toBeLessThan(TOTAL); // the kill really was mid-batch

  await spawnWorker();
  await waitFor('a charge for every approved generation', async () => (await charges()) >= TOTAL, 120_000, 250);

  // Let anything still in flight (stalled jobs of the killed worker, re-relayed rows) run out, then count.
  const connection = new Redis(process.env['REDIS_URL']!, { maxRetriesPerRequest: 1 });
  const queue = new Queue('charge-creation', { connection, prefix });
  try {
    await expectQueueDrainedWithoutFailures(queue, 60_000);
  } finally {
    await queue.close();
    connection.disconnect();
  }
  expect(await count('SELECT count(*) AS n FROM pf_outbox_events WHERE organization_id = $1 AND sent_at IS NULL', [org])).toBe(0);
  const { rows } = await owner.query(
    `SELECT source_id, count(*)::int AS n, min(status) AS status FROM pm_charges WHERE organization_id = $1 GROUP BY source_id`,
    [org],
  );
  expect(rows).toHaveLength(TOTAL);
  // (pm_charges_source_key makes a second row per generation impossible; what would show an event applied twice
  // is a second processed-events row or audit row, counted below.)
  expect(new Set(rows.map((r) => r.source_id))).toEqual(new Set(gens.map((g) => g.generation_id)));
  expect(rows.filter((r) => r.status === 'on_hold')).toHaveLength(SESSIONS); // H0038: no fee schedule entry
  expect(
    await count(`SELECT count(*) AS n FROM pf_processed_events WHERE organization_id = $1 AND consumer = 'pm.charge-creation'`, [org]),
  ).toBe(SESSIONS);
  // The audit rows committed with the charges: one per event, listing exactly the 1,000 charges between them.
  const audit = await owner.query(`SELECT scope FROM pf_audit_events WHERE organization_id = $1 AND action = 'charge.create'`, [org]);
  expect(audit.rows).toHaveLength(SESSIONS);
  expect(new Set(audit.rows.flatMap((r) => r.scope.chargeIds as string[])).size).toBe(TOTAL);
  console.log(`SIGKILL after ${atKill} charges; after restart: ${TOTAL} charges for ${TOTAL} generations, 0 duplicates`);
}, 300_000);
