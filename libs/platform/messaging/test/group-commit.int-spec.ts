import { randomUUID } from 'node:crypto';

import { PEER_ENCOUNTER_FINALIZED_V1 } from '@cairn/platform/clinical';
import { loadConfig } from '@cairn/platform/config';

import { buildEvent, DeliveryOutcome, IntegrationEvent, RunningWorker, startWorker } from '../src';
import {
  createMessagingTestDb,
  MessagingTestDb,
  obliterateQueues,
  ProbeConsumer,
  ProbeConsumerModule,
  probePayload,
  uniqueQueuePrefix,
} from './probe';

// Group commit (QUEUE_GROUP_COMMIT, QUEUE_TRANSACTIONS): events that arrive while the consumer's transactions are
// busy are applied together in one transaction, and nothing of exactly-once may give: a failing event fails alone,
// a duplicate stays a duplicate, organizations never share a transaction, a retry runs alone. Deliveries are made
// by hand (ProbeConsumer.process, as BullMQ calls it) so the test decides what arrives together; with one
// transaction per consumer, the first delivery runs alone and the rest wait for it and form the next group. Which
// transaction applied an effect is read from its row's xmin.
jest.setTimeout(120_000);

const prefix = uniqueQueuePrefix('group-commit');
let db: MessagingTestDb;
let worker: RunningWorker;
let consumer: ProbeConsumer;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  db = await createMessagingTestDb('group_commit');
  worker = await startWorker(
    loadConfig({
      ...process.env,
      DATABASE_URL: db.appUrl,
      WORKER_PORT: '0',
      QUEUE_PREFIX: prefix,
      OUTBOX_RELAY_ENABLED: 'false',
      QUEUE_TRANSACTIONS: '1',
      QUEUE_GROUP_COMMIT: '16',
    }),
    { host: '127.0.0.1', consumers: [ProbeConsumerModule] },
  );
  consumer = worker.app.get(ProbeConsumer);
  [orgA, orgB] = db.orgs;
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await obliterateQueues(process.env['REDIS_URL']!, prefix);
  await db?.drop();
});

const event = (org: string, hcpcs = 'H0038', id = randomUUID()): IntegrationEvent =>
  buildEvent(PEER_ENCOUNTER_FINALIZED_V1, org, probePayload(org, hcpcs), { id });

/** Delivers the events at the same moment, as BullMQ's concurrent slots would; settles each. */
const deliverAll = (events: IntegrationEvent[], attemptsMade: (e: IntegrationEvent) => number = () => 0) =>
  Promise.allSettled(events.map((e) => consumer.process({ data: e, name: e.type, attemptsMade: attemptsMade(e) } as never)));

/** The transaction (xmin) of each event's effect rows, and how many rows it has. */
async function effects(ids: string[]): Promise<Map<string, { tx: string; rows: number }>> {
  const { rows } = await db.owner.query<{ event_id: string; tx: string; n: string }>(
    `SELECT event_id::text, min(xmin::text) AS tx, count(*) AS n FROM test_probe_effects WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
    [ids],
  );
  return new Map(rows.map((r) => [r.event_id, { tx: r.tx, rows: Number(r.n) }]));
}

const outcomes = (settled: PromiseSettledResult<DeliveryOutcome>[]) => settled.map((s) => (s.status === 'fulfilled' ? s.value : 'failed'));

describe('group commit', () => {
  it('applies the events that waited for a busy transaction in one transaction, each once', async () => {
    const events = Array.from({ length: 10 }, () => event(orgA));
    expect(outcomes(await deliverAll(events))).toEqual(Array(10).fill('processed'));
    const applied = await effects(events.map((e) => e.id));
    expect([...applied.values()].every((a) => a.rows === 1)).toBe(true);
    // The first ran alone; the nine that arrived meanwhile shared the next transaction.
    const txOf = events.map((e) => applied.get(e.id)!.tx);
    expect(new Set(txOf.slice(1)).size).toBe(1);
    expect(txOf[0]).not.toBe(txOf[1]);
  });

  it('takes at most QUEUE_GROUP_COMMIT events into one transaction', async () => {
    const events = Array.from({ length: 1 + 16 + 5 }, () => event(orgA));
    expect(outcomes(await deliverAll(events))).toEqual(Array(22).fill('processed'));
    const applied = await effects(events.map((e) => e.id));
    const perTx = new Map<string, number>();
    for (const a of applied.values()) perTx.set(a.tx, (perTx.get(a.tx) ?? 0) + 1);
    expect([...perTx.values()].sort((a, b) => a - b)).toEqual([1, 5, 16]);
  });

  it('never puts two organizations in one transaction (row-level security holds one per transaction)', async () => {
    const events = [event(orgA), event(orgB), event(orgA), event(orgB), event(orgA)];
    expect(outcomes(await deliverAll(events))).toEqual(Array(5).fill('processed'));
    const applied = await effects(events.map((e) => e.id));
    const orgsPerTx = new Map<string, Set<string>>();
    for (const e of events) {
      const tx = applied.get(e.id)!.tx;
      orgsPerTx.set(tx, (orgsPerTx.get(tx) ?? new Set()).add(e.organizationId));
    }
    expect([...orgsPerTx.values()].every((orgs) => orgs.size === 1)).toBe(true);
    expect(orgsPerTx.size).toBe(3); // the first alone, then A's two, then B's two
  });

  it('fails only the failing event of a group: the others are applied once, the failure reaches BullMQ as its own', async () => {
    const good = [event(orgA), event(orgA), event(orgA), event(orgA)];
    const bad = event(orgA, 'FAIL');
    const all = [event(orgA), good[0]!, good[1]!, bad, good[2]!, good[3]!];
    const settled = await deliverAll(all);
    expect(outcomes(settled)).toEqual(['processed', 'processed', 'processed', 'failed', 'processed', 'processed']);
    expect(String((settled[3] as PromiseRejectedResult).reason)).toContain(`probe consumer told to fail for event ${bad.id}`);
    const applied = await effects(all.map((e) => e.id));
    expect(applied.has(bad.id)).toBe(false);
    for (const g of good) expect(applied.get(g.id)?.rows).toBe(1);
    const processed = await db.owner.query('SELECT count(*) AS n FROM pf_processed_events WHERE event_id = $1', [bad.id]);
    expect(Number(processed.rows[0].n)).toBe(0); // so its retry applies it
  });

  it('applies an event delivered twice in one group once, the second delivery a duplicate; and one applied before as a duplicate', async () => {
    const first = event(orgA);
    const twice = event(orgA);
    const before = event(orgA);
    expect(outcomes(await deliverAll([before]))).toEqual(['processed']);
    const settled = await deliverAll([first, twice, { ...twice }, { ...before }]);
    expect(outcomes(settled)).toEqual(['processed', 'processed', 'duplicate', 'duplicate']);
    const applied = await effects([twice.id, before.id]);
    expect(applied.get(twice.id)?.rows).toBe(1);
    expect(applied.get(before.id)?.rows).toBe(1);
  });

  it('runs a retried delivery alone, outside any group', async () => {
    const events = [event(orgA), event(orgA), event(orgA), event(orgA)];
    const retried = events[2]!;
    expect(outcomes(await deliverAll(events, (e) => (e === retried ? 1 : 0)))).toEqual(Array(4).fill('processed'));
    const applied = await effects(events.map((e) => e.id));
    const retriedTx = applied.get(retried.id)!.tx;
    expect(events.filter((e) => e !== retried && applied.get(e.id)!.tx === retriedTx)).toEqual([]);
  });
});
