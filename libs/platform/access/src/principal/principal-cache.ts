import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';

import { AppConfig, CONFIG } from '@cairn/platform/config';
import type { RoleGrant } from '@cairn/platform/tenancy';

import { AccessRedis } from '../auth/redis.provider';

/**
 * The Redis channels of one installation (QUEUE_PREFIX, as its queues): on `announce` every API process announces
 * ended sessions (`<session id> <nonce>`); on `ack` each process confirms it dropped one (the announcement's nonce).
 * Two installations sharing a Redis neither hear nor wait for each other's processes.
 */
export function principalInvalidationChannels(prefix: string): { announce: string; ack: string } {
  return { announce: `${prefix}:access:principal-invalidated`, ack: `${prefix}:access:principal-invalidated:ack` };
}
/** How long ending a session waits for the other processes to confirm (after it, the TTL still bounds them). */
export const INVALIDATION_ACK_TIMEOUT_MS = 1000;

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
 *   Redis; every process subscribed (this one included) drops it and confirms, and `invalidateSession` resolves
 *   once as many confirmations arrived as PUBLISH counted subscribers (at most INVALIDATION_ACK_TIMEOUT_MS): when a
 *   logout answers, no API process serves the session any more, whichever process the next request reaches;
 * - grants read from the database before an invalidation are not cached after it (`set` with the `generation`
 *   taken before the read): a read that raced a logout cannot put the ended session back;
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
  /** Bumped by every invalidation and every loss of the subscription. */
  private generation = 0;
  private readonly waiting = new Map<string, { received: number; expected?: number; done: () => void }>();
  private readonly channels: { announce: string; ack: string };

  constructor(
    @Inject(CONFIG) config: AppConfig,
    private readonly redis: AccessRedis,
  ) {
    this.ttlMs = config.PRINCIPAL_CACHE_TTL_MS;
    this.channels = principalInvalidationChannels(config.QUEUE_PREFIX);
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
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channels.announce) this.onInvalidation(message);
      else if (channel === this.channels.ack) this.onAck(message);
    });
    this.subscriber.on('ready', () => void this.subscribe());
    for (const event of ['close', 'reconnecting', 'end']) {
      this.subscriber.on(event, () => {
        this.subscribed = false;
        this.generation++;
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

  /** Taken before reading grants from the database; pass it to `set`. */
  get currentGeneration(): number {
    return this.generation;
  }

  /**
   * Caches a session's grants. With `readAt` (currentGeneration taken before the database read), nothing is cached
   * when a session was invalidated (or invalidations may have been missed) since: the read may predate the end.
   */
  set(userId: string, sessionId: string, grants: readonly RoleGrant[], readAt?: number): void {
    if (!this.subscribed || grants.length === 0) return;
    if (readAt !== undefined && readAt !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(sessionId, { userId, grants, expiresAt: Date.now() + this.ttlMs });
  }

  /**
   * A session ended (already revoked in the database): forget it here, tell every process, and wait until each one
   * subscribed confirmed it dropped the session (at most INVALIDATION_ACK_TIMEOUT_MS).
   */
  async invalidateSession(sessionId: string): Promise<void> {
    this.forget(sessionId);
    if (!this.subscriber) return;
    const nonce = randomUUID();
    let done!: () => void;
    const confirmed = new Promise<void>((resolve) => (done = resolve));
    const wait = { received: 0, expected: undefined as number | undefined, done };
    this.waiting.set(nonce, wait);
    let timer: NodeJS.Timeout | undefined;
    try {
      wait.expected = await this.redis.client.publish(this.channels.announce, `${sessionId} ${nonce}`);
      if (wait.received >= wait.expected) return;
      const timedOut = await Promise.race([
        confirmed.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), INVALIDATION_ACK_TIMEOUT_MS))),
      ]);
      if (timedOut) {
        // A process running an older version (no confirmations), or one too busy to answer: it drops the entry
        // when the message arrives, and within PRINCIPAL_CACHE_TTL_MS at the latest.
        this.logger.warn(
          `${wait.expected - wait.received} of ${wait.expected} processes did not confirm the end of a session within ${INVALIDATION_ACK_TIMEOUT_MS} ms`,
        );
      }
    } catch (e) {
      // Other processes that cannot hear us are not subscribed either (so not caching), or drop the entry
      // within the TTL; the session itself is already revoked in the database.
      this.logger.warn(`Could not announce the end of a session on Redis: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
      this.waiting.delete(nonce);
    }
  }

  private onInvalidation(message: string): void {
    // `<session id> <nonce>`; a bare session id (an older version's announcement) is dropped without confirming.
    const [sessionId, nonce] = message.split(' ');
    if (sessionId) this.forget(sessionId);
    if (nonce) void this.redis.client.publish(this.channels.ack, nonce).catch(() => undefined);
  }

  private onAck(nonce: string): void {
    const wait = this.waiting.get(nonce);
    if (!wait) return;
    wait.received++;
    if (wait.expected !== undefined && wait.received >= wait.expected) wait.done();
  }

  private forget(sessionId: string): void {
    this.generation++;
    this.entries.delete(sessionId);
  }

  private async subscribe(): Promise<void> {
    if (!this.subscriber) return;
    try {
      await this.subscriber.subscribe(this.channels.announce, this.channels.ack);
      this.generation++;
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
