import { TransactionHost } from '@nestjs-cls/transactional';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { ClsService } from 'nestjs-cls';

import { AppConfig, CONFIG } from '@cairn/platform/config';
import { CLS_REQUEST_ID, describeError, TENANT_CONTEXT, TenantContext, TenantTx } from '@cairn/platform/db';

import { JOB_MAP, QueueEvent, QueueName } from '../job-map';
import { MessagingConnections } from '../redis/redis-connections';
import { MessagingMetrics } from './messaging-metrics';

/** The transaction client a consumer's effect runs in (the same as TransactionHost.tx inside it). */
export type ConsumerTx = TransactionHost<TenantTx>['tx'];

/**
 * The consumers started in this process, so the worker can drain them BEFORE Nest destroys any module (Nest
 * runs onModuleDestroy, which closes the database pool, ahead of beforeApplicationShutdown).
 */
@Injectable()
export class EventConsumerRegistry {
  private readonly consumers = new Set<{ close(): Promise<void> }>();

  add(consumer: { close(): Promise<void> }): void {
    this.consumers.add(consumer);
  }

  get size(): number {
    return this.consumers.size;
  }

  /** Stops every consumer taking jobs and waits for the running ones. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.close()));
  }
}

/** What every consumer needs, injected once: `constructor(deps: ConsumerDeps) { super(deps); }`. */
@Injectable()
export class ConsumerDeps {
  constructor(
    readonly registry: EventConsumerRegistry,
    readonly connections: MessagingConnections,
    readonly cls: ClsService,
    readonly txHost: TransactionHost<TenantTx>,
    readonly metrics: MessagingMetrics,
    @Inject(CONFIG) readonly config: AppConfig,
  ) {}
}

export type DeliveryOutcome = 'processed' | 'duplicate';

interface Waiting<Q extends QueueName> {
  event: QueueEvent<Q>;
  resolve(outcome: DeliveryOutcome): void;
  reject(error: unknown): void;
}

/**
 * The context a consumer acts in: the event's organization, as the system (no staff user). Policies recognise it
 * with pf_ctx_is_system() (no user and patient scope 'system'); a staff request always carries its user.
 */
export function systemContext(organizationId: string): TenantContext {
  return { organizationId, userId: '', siteIds: 'all', patientScope: 'system' };
}

/**
 * Base class of every queue processor (after Novu's consumer base). A subclass names its queue (from the job
 * map), a stable consumer name, and implements `handle`, which receives the typed event and the transaction
 * to write its effect in. The base:
 * - runs `handle` in one transaction under the event's organization (row-level security applies), inside a
 *   fresh CLS store, so `TransactionHost`, `AuditService.record` and `OutboxPublisher.publish` join it;
 * - makes the effect idempotent: the same transaction first inserts (organization, consumer, event id) into
 *   `pf_processed_events`; when that row exists already the delivery is a duplicate and `handle` is skipped;
 * - commits in groups (QUEUE_GROUP_COMMIT): while its QUEUE_TRANSACTIONS transactions are busy, the events that
 *   arrive wait, and the next transaction takes up to QUEUE_GROUP_COMMIT of them of one organization: one BEGIN,
 *   one processed-events insert for all of them, each event's `handle` in turn, one COMMIT. An idle consumer still
 *   commits each event at once, alone. When a group fails, each of its events runs again alone at once, so only
 *   the failing event's attempt counts; a retried delivery always runs alone;
 * - retries a throwing `handle` with exponential backoff (the job options set by the relay) and, after the last
 *   attempt, leaves the job in BullMQ's failed set for inspection and retry (`/api/v1/admin/events/failed`);
 * - registers with EventConsumerRegistry, which the worker drains on SIGTERM before closing the application:
 *   the BullMQ worker stops taking jobs and lets the running ones finish while the database is still open.
 * One consumer per queue: a queue's jobs are shared among its workers, so a second consumer class on the same
 * queue would receive only part of them. A queue carrying several event types dispatches on `event.type`.
 */
export abstract class EventConsumer<Q extends QueueName> implements OnApplicationBootstrap, BeforeApplicationShutdown {
  abstract readonly queue: Q;
  /** Stable literal: the processed-events key. Renaming it makes every event still queued apply again. */
  abstract readonly consumerName: string;
  protected readonly logger = new Logger(this.constructor.name);
  private worker?: Worker;
  private connection?: Redis;

  constructor(protected readonly deps: ConsumerDeps) {}

  /** The effect of one event, written with `tx` (or anything joining TransactionHost's transaction). */
  protected abstract handle(event: QueueEvent<Q>, tx: ConsumerTx): Promise<void>;

  onApplicationBootstrap(): void {
    this.start();
  }

  /** Starts consuming (called at application bootstrap). */
  start(): Worker {
    if (this.worker) return this.worker;
    const { config, connections, metrics } = this.deps;
    this.connection = connections.workerConnection();
    const worker = new Worker<QueueEvent<Q>, DeliveryOutcome>(this.queue, (job) => this.process(job), {
      connection: this.connection,
      prefix: connections.prefix,
      concurrency: config.QUEUE_CONCURRENCY,
      lockDuration: config.QUEUE_LOCK_MS,
      stalledInterval: config.QUEUE_LOCK_MS,
      maxStalledCount: config.QUEUE_MAX_STALLED,
    });
    worker.on('failed', (job, err) => {
      if (!job) return;
      const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      metrics.failures.inc({ queue: this.queue, final: String(final) });
      // Ids and the error's message only: never the payload.
      const msg = `${this.consumerName}: event ${job.id} (${job.name}) attempt ${job.attemptsMade} failed: ${err.message}`;
      if (final) this.logger.error(`${msg}; moved to the failed set`);
      else this.logger.warn(msg);
    });
    worker.on('error', (err) => this.logger.warn(`${this.consumerName}: ${err.message}`));
    this.worker = worker;
    this.deps.registry.add(this);
    return worker;
  }

  /** Handles one delivery; exposed so tests can deliver a job by hand. */
  async process(job: Pick<Job<QueueEvent<Q>>, 'data' | 'name'>): Promise<DeliveryOutcome> {
    const event = job.data;
    if (!(JOB_MAP[this.queue] as readonly string[]).includes(event?.type) || !event.id || !event.organizationId) {
      throw new UnrecoverableError(`${this.consumerName} cannot handle a ${String(job.name)} job on ${this.queue}`);
    }
    const { metrics } = this.deps;
    metrics.attempts.inc({ queue: this.queue });
    const stop = metrics.duration.startTimer({ queue: this.queue });
    // A retry runs alone: whatever failed it is not allowed near other events' transaction.
    const retry = ((job as Partial<Job>).attemptsMade ?? 0) > 0;
    const outcome = retry ? (await this.commitGroup([event]))[0]! : await this.enqueue(event);
    stop();
    metrics.completed.inc({ queue: this.queue, outcome });
    if (outcome === 'processed')
      metrics.delivery.observe({ queue: this.queue }, Math.max(0, Date.now() - Date.parse(event.occurredAt)) / 1000);
    return outcome;
  }

  /** Deliveries waiting for a transaction, in arrival order. */
  private waiting: Waiting<Q>[] = [];
  /** This consumer's transactions in flight. */
  private committing = 0;

  private enqueue(event: QueueEvent<Q>): Promise<DeliveryOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      this.pump();
    });
  }

  /** Starts transactions while there are free ones: each takes the oldest waiting event and up to
   * QUEUE_GROUP_COMMIT - 1 more of the same organization (row-level security holds one organization per transaction). */
  private pump(): void {
    const { QUEUE_GROUP_COMMIT: most, QUEUE_TRANSACTIONS: slots } = this.deps.config;
    while (this.committing < slots && this.waiting.length > 0) {
      const org = this.waiting[0]!.event.organizationId;
      const group: Waiting<Q>[] = [];
      const rest: Waiting<Q>[] = [];
      for (const w of this.waiting) (group.length < most && w.event.organizationId === org ? group : rest).push(w);
      this.waiting = rest;
      this.committing++;
      void this.commitWaiting(group).finally(() => {
        this.committing--;
        this.pump();
      });
    }
  }

  private async commitWaiting(group: Waiting<Q>[]): Promise<void> {
    try {
      const outcomes = await this.commitGroup(group.map((w) => w.event));
      group.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (e) {
      if (group.length === 1) return group[0]!.reject(e);
      // The group rolled back as a whole. Each event runs again alone, so the others commit and only the failing
      // one's error reaches BullMQ (its attempt, its backoff).
      this.logger.warn(`${this.consumerName}: a group of ${group.length} events failed (${describeError(e)}); each runs again alone`);
      for (const w of group) {
        try {
          w.resolve((await this.commitGroup([w.event]))[0]!);
        } catch (err) {
          w.reject(err);
        }
      }
    }
  }

  /**
   * One transaction for events of one organization: claims them all in pf_processed_events with one insert, then
   * applies each newly claimed one in order. An event already processed (or twice in the group) is a duplicate.
   */
  private async commitGroup(events: QueueEvent<Q>[]): Promise<DeliveryOutcome[]> {
    const { cls, txHost } = this.deps;
    const organizationId = events[0]!.organizationId;
    return cls.run(async () => {
      cls.set(TENANT_CONTEXT, systemContext(organizationId));
      cls.set(CLS_REQUEST_ID, `event:${events[0]!.id}`);
      return txHost.withTransaction(async (): Promise<DeliveryOutcome[]> => {
        const tx = txHost.tx;
        const ids = events.map((e) => e.id);
        const claimed = new Set(
          (
            await tx.$queryRaw<{ event_id: string }[]>`
              INSERT INTO pf_processed_events (organization_id, consumer, event_id)
              SELECT ${organizationId}::uuid, ${this.consumerName}, unnest(${ids}::uuid[])
              ON CONFLICT DO NOTHING
              RETURNING event_id::text`
          ).map((r) => r.event_id),
        );
        const outcomes: DeliveryOutcome[] = [];
        for (const event of events) {
          // delete: the same event twice in one group is applied once.
          if (!claimed.delete(event.id)) {
            outcomes.push('duplicate');
            continue;
          }
          cls.set(CLS_REQUEST_ID, `event:${event.id}`);
          await this.handle(event, tx);
          outcomes.push('processed');
        }
        return outcomes;
      });
    });
  }

  private closing?: Promise<void>;

  /** Stops taking jobs and waits for the running ones (graceful drain). Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.worker?.close();
      // BullMQ leaves a connection it was given open.
      this.connection?.disconnect();
    })();
    return this.closing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
