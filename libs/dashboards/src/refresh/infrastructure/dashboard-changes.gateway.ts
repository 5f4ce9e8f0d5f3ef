import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';

import { MessagingConnections } from '@cairn/platform/messaging';

import {
  CHANGE_ID,
  CHANGE_LOG_LENGTH,
  dashboardChangeLogKey,
  dashboardChangesChannel,
  parseDashboardChange,
  type DashboardChange,
} from '../domain/dashboard-change.rules';

/**
 * Dashboard change notifications over Redis pub/sub (ADR 0017): the worker publishes after a recompute committed,
 * every API process subscribes once and fans the changes out to its SSE connections. Pub/sub is fire-and-forget: a
 * browser that was not connected misses nothing it needs, since it loads its view when it (re)connects.
 */
@Injectable()
export class DashboardChangesGateway implements OnModuleDestroy {
  private readonly logger = new Logger('DashboardChanges');
  private subscriber?: Redis;
  private readonly listeners = new Set<(change: DashboardChange) => void>();
  private subscribed?: Promise<void>;

  constructor(private readonly connections: MessagingConnections) {}

  get channel(): string {
    return dashboardChangesChannel(this.connections.prefix);
  }

  /**
   * Appends a change to its organization's log (a capped Redis stream, for Last-Event-ID replays) and publishes it
   * with that id. A Redis outage is logged, never thrown: the values are committed, browsers catch up on reload.
   */
  async publish(change: DashboardChange): Promise<boolean> {
    const redis = this.connections.producer;
    try {
      const key = dashboardChangeLogKey(this.connections.prefix, change.organizationId);
      const id = await redis.xadd(key, 'MAXLEN', '~', String(CHANGE_LOG_LENGTH), '*', 'change', JSON.stringify(change));
      await redis.publish(this.channel, JSON.stringify({ ...change, id }));
      return true;
    } catch (e) {
      this.logger.warn(`could not publish a dashboard change of ${change.organizationId}: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  /** Adds a listener (subscribing this process on first use); returns the function that removes it. */
  async listen(listener: (change: DashboardChange) => void): Promise<() => void> {
    this.listeners.add(listener);
    await this.ensureSubscribed();
    return () => this.listeners.delete(listener);
  }

  /** The organization's changes after `lastId` (exclusive), oldest first; [] for an id that is not a change id. */
  async since(organizationId: string, lastId: string): Promise<DashboardChange[]> {
    if (!CHANGE_ID.test(lastId)) return [];
    const key = dashboardChangeLogKey(this.connections.prefix, organizationId);
    const entries = await this.connections.producer.xrange(key, `(${lastId}`, '+', 'COUNT', CHANGE_LOG_LENGTH);
    return entries.flatMap(([id, fields]) => {
      const raw = fields[fields.indexOf('change') + 1];
      const change = raw === undefined ? null : parseDashboardChange(raw);
      return change && change.organizationId === organizationId ? [{ ...change, id }] : [];
    });
  }

  private ensureSubscribed(): Promise<void> {
    this.subscribed ??= (async () => {
      const sub = this.connections.workerConnection();
      this.subscriber = sub;
      sub.on('message', (channel: string, raw: string) => {
        if (channel !== this.channel) return;
        const change = parseDashboardChange(raw);
        if (!change) return;
        for (const l of this.listeners) {
          try {
            l(change);
          } catch (e) {
            this.logger.warn(`a stream listener failed: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      });
      await sub.subscribe(this.channel);
    })();
    return this.subscribed;
  }

  onModuleDestroy(): void {
    this.subscriber?.disconnect();
  }
}
