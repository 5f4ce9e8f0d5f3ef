import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { AppConfig, CONFIG } from '@cairn/platform/config';
import type { IntegrationEvent } from '../contracts/event-types';
import { QUEUE_NAMES, QueueName } from '../job-map';
import { MessagingConnections } from '../redis/redis-connections';

/** How long a queue operation may wait for Redis (BullMQ waits for a connection that never became ready). */
export const REDIS_CALL_TIMEOUT_MS = 3000;

export class RedisUnavailableError extends Error {}

/** Rejects with RedisUnavailableError when the call has not settled in time. */
export function withRedisTimeout<T>(p: Promise<T>, what: string, ms = REDIS_CALL_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(`${what}: Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One BullMQ `Queue` per queue of the job map, on the shared fail-fast producer connection. Used by the
 * relay (add), the failed-events API (inspect, retry) and the worker's metrics (counts).
 */
@Injectable()
export class MessagingQueues implements OnModuleDestroy {
  private readonly queues = new Map<QueueName, Queue>();
  /** Every job: exponential backoff; completed jobs trimmed; failed jobs KEPT (the inspectable failed set). */
  readonly jobOptions: JobsOptions;

  constructor(
    private readonly connections: MessagingConnections,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.jobOptions = {
      attempts: config.QUEUE_ATTEMPTS,
      backoff: { type: 'exponential', delay: config.QUEUE_BACKOFF_MS },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: false,
    };
  }

  get(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connections.producer, prefix: this.connections.prefix, defaultJobOptions: this.jobOptions });
      q.on('error', () => undefined); // a Redis outage; the failing call reports it
      this.queues.set(name, q);
    }
    return q;
  }

  all(): Array<[QueueName, Queue]> {
    return QUEUE_NAMES.map((n) => [n, this.get(n)]);
  }

  /** Adds events to one queue in a single round trip; jobId = event id, so a re-add is a no-op while the job exists. */
  async addEvents(name: QueueName, events: IntegrationEvent[]): Promise<void> {
    if (events.length === 0) return;
    await withRedisTimeout(
      this.get(name).addBulk(events.map((e) => ({ name: e.type, data: e, opts: { ...this.jobOptions, jobId: e.id } }))),
      `adding ${events.length} job(s) to ${name}`,
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => withRedisTimeout(q.close(), 'closing a queue')));
  }
}
