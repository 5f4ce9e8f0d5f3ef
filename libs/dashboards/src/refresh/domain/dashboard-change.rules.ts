import type { SignalSourceKey } from '@cairn/platform/performance-signals';

/**
 * What the worker publishes on Redis after a recompute committed, and the API's SSE stream turns into a message
 * per connected browser that may see it. It names what changed, never a value: a browser refetches its view
 * (which is permission-filtered and audited like any read).
 */
export interface DashboardChange {
  /** The id of the change in the organization's change log (a Redis stream id), set when published: the SSE event id. */
  id?: string;
  organizationId: string;
  /** What recomputed it: an integration event (real-time), the near-real-time or the nightly schedule, an inbound feed. */
  trigger: 'event' | 'near-real-time' | 'batch' | 'feed';
  /** The event type or feed key, when there is one. */
  cause: string | null;
  sources: string[];
  /** Signal keys of those sources (SIGNAL_METRICS keys, or a feed's signal keys). */
  signals: string[];
  days: string[];
  /** Providers the change concerns (empty: any; the stream then tells practitioners too, values never travel). */
  providerIds: string[];
  /** ok / failing per source after the recompute. */
  status: Record<string, 'ok' | 'failing'>;
  computedAt: string;
  /** When the triggering fact happened (the event's occurredAt), for latency measurement. */
  occurredAt: string | null;
}

/** The Redis pub/sub channel of dashboard changes under a queue prefix. */
export const dashboardChangesChannel = (prefix: string): string => `${prefix}:dashboards:changes`;

/** The organization's recent changes (a capped Redis stream), replayed to a stream that reconnects with Last-Event-ID. */
export const dashboardChangeLogKey = (prefix: string, organizationId: string): string => `${prefix}:dashboards:changes:${organizationId}`;

/** How many changes an organization's log keeps (about; Redis trims in whole nodes). */
export const CHANGE_LOG_LENGTH = 1000;

/** A Redis stream id as Last-Event-ID may carry it. */
export const CHANGE_ID = /^\d{1,15}-\d{1,10}$/;

/** Parses a published message; null for anything that is not a change (a foreign publisher on the channel). */
export function parseDashboardChange(raw: string): DashboardChange | null {
  try {
    const v = JSON.parse(raw) as Partial<DashboardChange>;
    if (typeof v.organizationId !== 'string' || !Array.isArray(v.signals) || !Array.isArray(v.sources) || typeof v.computedAt !== 'string')
      return null;
    return {
      ...(typeof v.id === 'string' ? { id: v.id } : {}),
      organizationId: v.organizationId,
      trigger: v.trigger ?? 'event',
      cause: v.cause ?? null,
      sources: v.sources as SignalSourceKey[],
      signals: v.signals,
      days: Array.isArray(v.days) ? v.days : [],
      providerIds: Array.isArray(v.providerIds) ? v.providerIds : [],
      status: v.status ?? {},
      computedAt: v.computedAt,
      occurredAt: v.occurredAt ?? null,
    };
  } catch {
    return null;
  }
}
