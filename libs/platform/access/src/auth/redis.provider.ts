import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';

import { AppConfig, CONFIG } from '@cairn/platform/config';

/**
 * The access library's Redis connection (login throttling). Fails fast: commands are not queued while Redis
 * is down, so a login answers 503 instead of hanging.
 */
@Injectable()
export class AccessRedis implements OnModuleDestroy {
  readonly client: Redis;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.client = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.client.on('error', () => undefined); // reported by /health; commands fail fast meanwhile
    void this.client.connect().catch(() => undefined);
  }

  /** Resolves once connected (or fails within 2 s): commands are not queued while disconnected. */
  async ready(): Promise<Redis> {
    if (this.client.status === 'ready') return this.client;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Redis is not reachable')), 2000);
      this.client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
      if (this.client.status === 'wait' || this.client.status === 'end') void this.client.connect().catch(() => undefined);
    });
    return this.client;
  }

  async onModuleDestroy(): Promise<void> {
    this.client.disconnect();
  }
}
