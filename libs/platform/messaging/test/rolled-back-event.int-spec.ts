import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';

import { PEER_ENCOUNTER_FINALIZED_V1 } from '@cairn/platform/clinical';
import { loadConfig } from '@cairn/platform/config';
import { TENANT_CONTEXT, TenantTx } from '@cairn/platform/db';

import { MessagingQueues, OutboxPublisher, OutboxPublishError, RunningWorker, startWorker, systemContext } from '../src';
import {
  createMessagingTestDb,
  MessagingTestDb,
  obliterateQueues,
  ProbeConsumerModule,
  probePayload,
  uniqueQueuePrefix,
  waitFor,
} from './probe';

// Real services on a machine shared with other test runs: generous time limits; the waits inside have their own.
jest.setTimeout(120_000);

// Scenario (a): an event published in a transaction that rolls back is never delivered.
const prefix = uniqueQueuePrefix('rollback');
let db: MessagingTestDb;
let worker: RunningWorker;

beforeAll(async () => {
  db = await createMessagingTestDb('rollback');
  worker = await startWorker(
    loadConfig({ ...process.env, DATABASE_URL: db.appUrl, WORKER_PORT: '0', QUEUE_PREFIX: prefix, OUTBOX_POLL_MS: '100' }),
    {
      host: '127.0.0.1',
      consumers: [ProbeConsumerModule],
    },
  );
});
afterAll(async () => {
  await worker?.stop();
  await obliterateQueues(process.env['REDIS_URL']!, prefix);
  await db?.drop();
});

describe('an event published in a rolled-back transaction', () => {
  it('is never written, queued or applied, while the committed one beside it is', async () => {
    const org = db.orgs[0];
    const owner = db.owner;
    const publisher = worker.app.get(OutboxPublisher);
    const cls = worker.app.get(ClsService);
    const txHost = worker.app.get<TransactionHost<TenantTx>>(TransactionHost);
    const inTenantTx = <T>(fn: () => Promise<T>) =>
      cls.run(() => {
        cls.set(TENANT_CONTEXT, systemContext(org));
        return txHost.withTransaction(fn);
      });

    let rolledBackId = '';
    await expect(
      inTenantTx(async () => {
        rolledBackId = (await publisher.publish(PEER_ENCOUNTER_FINALIZED_V1, org, probePayload(org))).id;
        throw new Error('the state change failed after the event was written');
      }),
    ).rejects.toThrow('the state change failed');
    const committed = await inTenantTx(() => publisher.publish(PEER_ENCOUNTER_FINALIZED_V1, org, probePayload(org)));

    const applied = async (id: string) => (await owner.query('SELECT 1 FROM test_probe_effects WHERE event_id = $1', [id])).rowCount ?? 0;
    await waitFor('the committed event to be applied', async () => (await applied(committed.id)) === 1);

    expect(rolledBackId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await owner.query('SELECT 1 FROM pf_outbox_events WHERE id = $1', [rolledBackId])).rowCount).toBe(0);
    expect(await worker.app.get(MessagingQueues).get('charge-creation').getJob(rolledBackId)).toBeUndefined();
    expect(await applied(rolledBackId)).toBe(0);
    const sent = await owner.query('SELECT sent_at FROM pf_outbox_events WHERE id = $1', [committed.id]);
    expect(sent.rows[0].sent_at).toBeInstanceOf(Date);
  });

  it('refuses to publish outside a transaction, and a payload of another organization', async () => {
    const publisher = worker.app.get(OutboxPublisher);
    const org = '00000000-0000-4000-8000-000000000001';
    await expect(publisher.publish(PEER_ENCOUNTER_FINALIZED_V1, org, probePayload(org))).rejects.toThrow(OutboxPublishError);
    const cls = worker.app.get(ClsService);
    const txHost = worker.app.get<TransactionHost<TenantTx>>(TransactionHost);
    await expect(
      cls.run(() => {
        cls.set(TENANT_CONTEXT, systemContext(org));
        return txHost.withTransaction(() =>
          publisher.publish(PEER_ENCOUNTER_FINALIZED_V1, org, probePayload('00000000-0000-4000-8000-000000000002')),
        );
      }),
    ).rejects.toThrow(/payload names organization/);
  });

  it("cannot be written for another organization than the transaction's (row-level security)", async () => {
    const publisher = worker.app.get(OutboxPublisher);
    const cls = worker.app.get(ClsService);
    const txHost = worker.app.get<TransactionHost<TenantTx>>(TransactionHost);
    const mine = '00000000-0000-4000-8000-000000000003';
    const theirs = '00000000-0000-4000-8000-000000000004';
    await expect(
      cls.run(() => {
        cls.set(TENANT_CONTEXT, systemContext(mine));
        return txHost.withTransaction(() => publisher.publish(PEER_ENCOUNTER_FINALIZED_V1, theirs, probePayload(theirs)));
      }),
    ).rejects.toThrow(/row-level security/);
  });
});
