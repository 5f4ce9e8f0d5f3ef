import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';

import { AppConfig, CONFIG } from '@cairn/platform/config';

import type { IntegrationEvent } from '../event-types';
import { QUEUE_NAMES, QueueName } from '../job-map';
import { MessagingConnections } from '../redis/redis-connections';

/** How long a queue operation may wait for Redis (BullMQ waits for a connection that never became ready). */
export const REDIS_CALL_TIMEOUT_MS = 3000;

export class RedisUnavailableError extends Error {}

const RECORD_IF_HIGHER = `local c = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > c then redis.call('SET', KEYS[1], ARGV[1]) end
return 0`;

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

  /**
   * Adds events to one queue so that a consumer WILL run for each (ADR 0005 §3, §7); jobId = event id. BullMQ
   * ignores an add whose jobId it holds, which is right while that job is still to run (waiting, delayed,
   * active: it will run against this database) but loses the event when the job has FINISHED: completed jobs
   * stay 24 h and failed ones until retried, and they may be another database's (a fresh database with the same
   * deterministic ids, one restored from a backup) whose consumer never wrote this database's effect. So a job
   * finished under an event's id is removed and the event added again; when this database had in fact applied
   * it (a relay that crashed between Redis' acknowledgement and its commit), the consumer's pf_processed_events
   * row makes the second run a no-op. Returns how many finished jobs were replaced.
   */
  async addEvents(name: QueueName, events: IntegrationEvent[]): Promise<{ replaced: number }> {
    if (events.length === 0) return { replaced: 0 };
    const queue = this.get(name);
    return withRedisTimeout(
      (async () => {
        const finished = await this.finishedJobIds(
          queue,
          events.map((e) => e.id),
        );
        // 0 = locked: the job is running again (e.g. retried a moment ago) and will reach the consumer anyway.
        for (const id of finished) await queue.remove(id);
        await queue.addBulk(events.map((e) => ({ name: e.type, data: e, opts: { ...this.jobOptions, jobId: e.id } })));
        return { replaced: finished.length };
      })(),
      `adding ${events.length} job(s) to ${name}`,
    );
  }

  /** The ids among `ids` whose job is in the queue's completed or failed set (one round trip). */
  private async finishedJobIds(queue: Queue, ids: string[]): Promise<string[]> {
    const pipeline = this.connections.producer.pipeline();
    for (const id of ids) pipeline.zscore(queue.keys['completed']!, id).zscore(queue.keys['failed']!, id);
    const replies = (await pipeline.exec()) ?? [];
    return ids.filter((_, i) => {
      const [completed, failed] = [replies[2 * i], replies[2 * i + 1]];
      if (completed?.[0] || failed?.[0]) throw completed?.[0] ?? failed?.[0];
      return completed?.[1] != null || failed?.[1] != null;
    });
  }

  /**
   * The relay clock (ADR 0005 §7): the highest position a relay of this database's installation recorded in
   * Redis (0 when none), and recording one (kept only when higher, atomically).
   */
  async relayPositionSeen(installationId: string): Promise<number> {
    const v = await withRedisTimeout(this.connections.producer.get(this.relayPositionKey(installationId)), 'reading the relay position');
    return v ? Number(v) : 0;
  }

  async recordRelayPosition(installationId: string, position: number): Promise<void> {
    await withRedisTimeout(
      this.connections.producer.eval(RECORD_IF_HIGHER, 1, this.relayPositionKey(installationId), String(position)),
      'recording the relay position',
    );
  }

  relayPositionKey(installationId: string): string {
    return `${this.connections.prefix}:outbox-relay:${installationId}:position`;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => withRedisTimeout(q.close(), 'closing a queue')));
  }
}
