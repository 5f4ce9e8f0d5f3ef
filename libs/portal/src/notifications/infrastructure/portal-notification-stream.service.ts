import { AsyncResource } from 'node:async_hooks';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';

import { AppConfig, CONFIG } from '@cairn/platform/config';

/** What a subscriber runs again, in its own request's context, each time its organization has new notifications. */
export type Wake = () => Promise<void>;

/**
 * Fans `po_notifications` NOTIFYs (a trigger, at commit; the payload is the organization id only) out to the live
 * streams of that organization in this API process, over one LISTEN connection opened on first use. Each stream
 * reads what is new through the audited list use case under its own user's tenant context, so the row policy, not
 * this fan-out, decides what it receives. Reads of one stream never overlap.
 */
@Injectable()
export class PortalNotificationStream implements OnModuleDestroy {
  private readonly logger = new Logger(PortalNotificationStream.name);
  private readonly subscribers = new Map<string, Set<() => void>>();
  private listener: Promise<Client | undefined> | undefined;
  private stopped = false;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  /**
   * Runs `wake` (serialised) now and on each NOTIFY of the organization; returns the unsubscribe. Call it inside the
   * stream's request: `wake` stays bound to that request's async context (its tenant, principal and request id, as
   * the access guard set them), wherever the NOTIFY arrives.
   */
  subscribe(organizationId: string, wake: Wake): () => void {
    let chain = Promise.resolve();
    const inRequest = AsyncResource.bind(() => wake());
    const run = () => {
      chain = chain
        .then(() => inRequest())
        .catch((e: unknown) => this.logger.warn(`portal notification stream read failed: ${e instanceof Error ? e.message : String(e)}`));
    };
    const org = organizationId;
    const set = this.subscribers.get(org) ?? new Set();
    set.add(run);
    this.subscribers.set(org, set);
    void this.ensureListening();
    run();
    return () => {
      set.delete(run);
      if (set.size === 0) this.subscribers.delete(org);
    };
  }

  private ensureListening(): Promise<Client | undefined> {
    this.listener ??= this.connect();
    return this.listener;
  }

  private async connect(): Promise<Client | undefined> {
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    try {
      await client.connect();
      client.on('notification', (n) => {
        for (const run of this.subscribers.get(n.payload ?? '') ?? []) run();
      });
      let lost = false;
      const reconnect = () => {
        if (lost) return;
        lost = true;
        this.listener = undefined;
        this.retrySoon();
      };
      client.once('end', reconnect);
      // `on`, not `once`: a connection reset emits 'error' twice (the socket's error, then "Connection terminated
      // unexpectedly" at its end), and an 'error' without a listener ends the API process.
      client.on('error', reconnect);
      await client.query('LISTEN po_notifications');
      return client;
    } catch (e) {
      this.logger.warn(`cannot LISTEN po_notifications: ${e instanceof Error ? e.message : String(e)}`);
      await client.end().catch(() => undefined);
      this.listener = undefined;
      // PostgreSQL unreachable (a restart, a failover): keep trying while streams are open, or they stay deaf.
      this.retrySoon();
      return undefined;
    }
  }

  /** Listens again in a second while anyone is subscribed; then wakes every stream. */
  private retrySoon(): void {
    if (this.stopped || this.subscribers.size === 0) return;
    setTimeout(
      () =>
        void this.ensureListening().then((client) => {
          if (client) this.wakeAll();
        }),
      1000,
    );
  }

  /** After a reconnect: rows may have committed while nobody listened. */
  private wakeAll(): void {
    for (const set of this.subscribers.values()) for (const run of set) run();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.subscribers.clear();
    const client = await this.listener;
    await client?.end().catch(() => undefined);
  }
}
