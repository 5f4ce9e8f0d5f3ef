import { signalsOf, type MetricDefinition } from '../../definitions/domain/metric-definition.rules';
import type { DashboardChange } from '../../refresh/domain/dashboard-change.rules';
import { providerBound } from '../../views/domain/dashboard.view';
import type { Caller } from '../../views/domain/filters.rules';
import { metricAccess } from '../../views/domain/metric-access.rules';

/** What one SSE connection may hear of: resolved once, when the stream opens, from the caller's roles. */
export interface StreamSubscription {
  organizationId: string;
  userId: string;
  /** Each metric the caller may see, with how (own figures only, or within their scope) and the signals it reads. */
  metrics: Array<{ metricKey: string; access: 'own' | 'scoped'; signals: string[]; source: string }>;
}

/** The metrics of the organization the caller may see at all (RBAC per metric, as the views apply it). */
export function subscriptionFor(organizationId: string, caller: Caller, defs: readonly MetricDefinition[]): StreamSubscription {
  const metrics = defs
    .map((def) => ({ def, access: metricAccess(def, caller, providerBound(def)) }))
    .filter((m): m is { def: MetricDefinition; access: 'own' | 'scoped' } => m.access !== 'none')
    .map(({ def, access }) => ({ metricKey: def.metricKey, access, signals: signalsOf(def.calculation), source: def.calculationSource }));
  return { organizationId, userId: caller.userId, metrics };
}

/** The body of one `metrics-changed` message: names and freshness only, never a value. */
export interface StreamMessage {
  metrics: string[];
  days: string[];
  trigger: DashboardChange['trigger'];
  computedAt: string;
  occurredAt: string | null;
  /** ok / failing of the sources of those metrics. */
  feeds: Record<string, 'ok' | 'failing'>;
}

/**
 * What a connection receives of a change: nothing for another organization, only the metrics it may see whose
 * signals changed, and of own-figures metrics only changes that concern the caller (a change naming providers that
 * does not name them is not theirs). Null when nothing is left.
 */
export function messageFor(sub: StreamSubscription, change: DashboardChange): StreamMessage | null {
  if (change.organizationId !== sub.organizationId) return null;
  const changed = new Set(change.signals);
  const mine = change.providerIds.length === 0 || change.providerIds.includes(sub.userId);
  const metrics = sub.metrics.filter((m) => m.signals.some((s) => changed.has(s)) && (m.access === 'scoped' || mine));
  if (metrics.length === 0) return null;
  const sources = new Set(metrics.map((m) => m.source));
  const feeds = Object.fromEntries(Object.entries(change.status).filter(([s]) => sources.has(s)));
  return {
    metrics: metrics.map((m) => m.metricKey).sort(),
    days: change.days,
    trigger: change.trigger,
    computedAt: change.computedAt,
    occurredAt: change.occurredAt,
    feeds,
  };
}
