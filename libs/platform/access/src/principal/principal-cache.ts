import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';

import { AppConfig, CONFIG } from '@cairn/platform/config';
import type { RoleGrant } from '@cairn/platform/tenancy';

import { AccessRedis } from '../auth/redis.provider';

/** Redis channel on which every API process announces ended sessions. */
export const PRINCIPAL_INVALIDATION_CHANNEL = 'cairn:access:principal-invalidated';

const MAX_ENTRIES = 10_000;

interface Entry {
  userId: string;
  grants: readonly RoleGrant[];
  expiresAt: number;
}

/**
 * A short-lived, per-process cache of a session's role grants, so that the guard does not query the database
 * on every request of an active session (one query in five on the audited read path).
 *
 * Safety rules, because a stale grant would outlive a revocation:
 * - entries live PRINCIPAL_CACHE_TTL_MS at most (0 turns the cache off);
 * - ending a session (logout, refresh-token reuse) drops it here at once and publishes the session id on
 *   Redis, and every other process drops it when the message arrives;
 * - the cache is used only while this process is subscribed to that channel: while the subscription is down
 *   (Redis unreachable, reconnecting) every request reads the database, and the cache is emptied when the
 *   subscription comes back, since messages may have been missed meanwhile.
 * Role-binding changes made outside the API (the seed, SQL by hand) take effect within the TTL.
 */
@Injectable()
export class PrincipalCache implements OnModuleDestroy {
  private readonly logger = new Logger(PrincipalCache.name);
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly subscriber: Redis | undefined;
  private subscribed = false;

  constructor(
    @Inject(CONFIG) config: AppConfig,
    private readonly redis: AccessRedis,
  ) {
    this.ttlMs = config.PRINCIPAL_CACHE_TTL_MS;
    if (this.ttlMs === 0) return;
    const options = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times: number) => Math.min(times * 200, 2000),
    };
    // A connection in subscriber mode can do nothing else: it is this cache's own. Publishing uses AccessRedis.
    this.subscriber = new Redis(config.REDIS_URL, options);
    this.subscriber.on('error', () => undefined); // /health reports Redis
    this.subscriber.on('message', (_channel: string, sessionId: string) => this.forget(sessionId));
    this.subscriber.on('ready', () => void this.subscribe());
    for (const event of ['close', 'reconnecting', 'end']) {
      this.subscriber.on(event, () => {
        this.subscribed = false;
        this.entries.clear();
      });
    }
    void this.subscriber.connect().catch(() => undefined);
  }

  /** True while cached grants may be served (enabled and subscribed to invalidations). */
  get active(): boolean {
    return this.subscribed;
  }

  get(userId: string, sessionId: string): readonly RoleGrant[] | undefined {
    if (!this.subscribed) return undefined;
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.userId !== userId || entry.expiresAt <= Date.now()) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry.grants;
  }

  set(userId: string, sessionId: string, grants: readonly RoleGrant[]): void {
    if (!this.subscribed || grants.length === 0) return;
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(sessionId, { userId, grants, expiresAt: Date.now() + this.ttlMs });
  }

  /** A session ended: forget it here and tell every other process. */
  async invalidateSession(sessionId: string): Promise<void> {
    this.forget(sessionId);
    if (!this.subscriber) return;
    try {
      await this.redis.client.publish(PRINCIPAL_INVALIDATION_CHANNEL, sessionId);
    } catch (e) {
      // Other processes that cannot hear us are not subscribed either (so not caching), or drop the entry
      // within the TTL; the session itself is already revoked in the database.
      this.logger.warn(`Could not announce the end of a session on Redis: ${(e as Error).message}`);
    }
  }

  private forget(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  private async subscribe(): Promise<void> {
    if (!this.subscriber) return;
    try {
      await this.subscriber.subscribe(PRINCIPAL_INVALIDATION_CHANNEL);
      this.entries.clear(); // whatever was announced while we were not listening
      this.subscribed = true;
    } catch {
      this.subscribed = false;
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.subscribed = false;
    this.subscriber?.disconnect();
  }
}
