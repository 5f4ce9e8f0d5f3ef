import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';

import { AppConfig, CONFIG } from '@cairn/platform/config';

/**
 * Producers (the relay, the admin API, metrics) fail fast, as BullMQ's production guide advises: no offline
 * queue and one retry per command, so a Redis outage surfaces at once (the relay then leaves rows unsent and
 * tries again) instead of piling up in memory.
 */
export const PRODUCER_REDIS_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2000,
  // A Redis that accepts the connection but does not answer must not hold the relay's transaction open.
  commandTimeout: 5000,
  retryStrategy: (times) => Math.min(250 * times, 2000),
};

/**
 * Workers (BullMQ `Worker`) must wait for Redis indefinitely: `maxRetriesPerRequest: null` (BullMQ requires
 * it for its blocking commands), reconnecting with a capped backoff.
 */
export const WORKER_REDIS_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: null,
  enableReadyCheck: true,
  retryStrategy: (times) => Math.min(250 * times, 2000),
};

export interface EvictionCheck {
  ok: boolean;
  policy: string | null;
  message: string;
}

/**
 * BullMQ loses jobs when Redis evicts keys: `maxmemory-policy` must be `noeviction`. Logs an error that is
 * hard to miss when it is not (or cannot be read, e.g. CONFIG disabled on a managed Redis), and returns the
 * finding.
 */
export async function checkEvictionPolicy(redis: Redis, logger: Pick<Logger, 'log' | 'error' | 'warn'>): Promise<EvictionCheck> {
  let policy: string | null = null;
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    policy = reply[1] ?? null;
  } catch (e) {
    const message = `Could not read Redis maxmemory-policy (${e instanceof Error ? e.message : String(e)}): make sure it is noeviction, or queued jobs can be silently lost`;
    logger.warn(message);
    return { ok: false, policy: null, message };
  }
  if (policy === 'noeviction') {
    const message = 'Redis maxmemory-policy is noeviction';
    logger.log(message);
    return { ok: true, policy, message };
  }
  const message =
    `!!! Redis maxmemory-policy is "${policy}", not "noeviction": under memory pressure Redis will DELETE queued jobs and ` +
    'integration events (charges) will be lost. Set `maxmemory-policy noeviction` in redis.conf (or CONFIG SET) !!!';
  logger.error(message);
  return { ok: false, policy, message };
}

/**
 * Runs the eviction check once at start-up on a short-lived connection of its own (so it waits for Redis a
 * moment instead of failing fast), never blocking the start.
 */
@Injectable()
export class EvictionPolicyStartupCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Redis');
  /** Resolves with the finding (tests await it). */
  result?: Promise<EvictionCheck>;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    const redis = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
    redis.on('error', () => undefined);
    this.result = checkEvictionPolicy(redis, this.logger).finally(() => redis.disconnect());
    void this.result.catch(() => undefined);
  }
}

/**
 * The messaging library's Redis settings: the shared producer connection and how to open worker connections.
 */
@Injectable()
export class MessagingConnections implements OnModuleDestroy {
  readonly producer: Redis;
  readonly prefix: string;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {
    this.prefix = config.QUEUE_PREFIX;
    this.producer = new Redis(config.REDIS_URL, { ...PRODUCER_REDIS_OPTIONS, lazyConnect: true });
    this.producer.on('error', () => undefined); // reported by /health and by the failing command
    void this.producer.connect().catch(() => undefined);
  }

  /** A new connection for a BullMQ Worker (closed by the worker's close()). */
  workerConnection(): Redis {
    const r = new Redis(this.config.REDIS_URL, WORKER_REDIS_OPTIONS);
    r.on('error', () => undefined);
    return r;
  }

  onModuleDestroy(): void {
    this.producer.disconnect();
  }
}
