import { signalMetric } from '@cairn/platform/performance-signals';

import { signalsOf, type MetricDefinition, type UpdateModel } from '../../definitions/domain/metric-definition.rules';
import { evaluateAttention, type AttentionIndicator } from './attention.rules';
import type { ResolvedFilters } from './filters.rules';
import { feedState, freshnessLabel, type FeedState, type SourceStatusRow, type Staleness } from './freshness.rules';
import type { MetricAccess } from './metric-access.rules';
import { computeValue, seriesValues, trailingValues, type SeriesPoint, type StoredCell } from './metric-value.rules';

export interface SiteValue {
  siteId: string;
  siteName: string;
  value: number | null;
}

/** One tile of a view: a metric's value with its update model, freshness, staleness and attention indicators. */
export interface MetricTile {
  metricKey: string;
  metricId: string;
  name: string;
  domain: string;
  unit: string;
  calculationSource: string;
  updateModel: UpdateModel;
  /** 'own': the caller's own figures only; 'scoped': within the caller's sites and the filters. */
  scope: 'own' | 'scoped';
  value: number | null;
  breakdown: Record<string, number> | null;
  target: number | null;
  freshness: { label: string; computedAt: string | null; asOf: string | null };
  feed: { source: string; state: FeedState; available: boolean };
  /** Set when the source fails or is silent: the value is the last known one. */
  stale: Staleness | null;
  attention: AttentionIndicator[];
  /** The drill-through route of the metric's source records, with the view's filters. */
  drill: string | null;
  core: boolean;
  /** Cross-site view only: the value per site in scope. */
  bySite: SiteValue[] | null;
  /** The trend: the value over the windows of the range's length before it, oldest first, the range last. */
  series: SeriesPoint[];
}

export interface DashboardView {
  view: { id: string; key: string; name: string; permissionScope: string; layoutVersion: number; userLayoutEnabled: boolean };
  filters: { range: string; from: string; to: string; siteId: string | null; providerId: string | null };
  state: 'Viewed' | 'Filtered';
  generatedAt: string;
  tiles: MetricTile[];
}

export function drillLink(drillKey: string | null, filters: ResolvedFilters, metricKey: string): string | null {
  if (!drillKey) return null;
  const q = new URLSearchParams({ from: filters.from, to: filters.to, metric: metricKey });
  if (filters.siteId) q.set('siteId', filters.siteId);
  if (filters.providerId) q.set('providerId', filters.providerId);
  return `/api/v1/dashboards/drill/${drillKey}?${q.toString()}`;
}

export interface TileInput {
  def: MetricDefinition;
  access: Exclude<MetricAccess, 'none'>;
  /** Cells of the metric's signals over [from - 56 days, to], narrowed to the caller's scope and filters. */
  cells: StoredCell[];
  status: SourceStatusRow | undefined;
  core: boolean;
  bySite: SiteValue[] | null;
}

/** Builds a tile from stored cells only (rendering never reads a source). */
export function buildTile(input: TileInput, filters: ResolvedFilters, now: Date, timeZone: string): MetricTile {
  const { def } = input;
  const connected = !def.calculationSource.startsWith('feed:') || input.status !== undefined;
  const computed = computeValue(def.calculation, input.cells, filters.from, filters.to);
  const { state, stale } = feedState(input.status, now, connected);
  const drill = drillLink(def.drillKey, filters, def.metricKey);
  const trailing = trailingValues(def.calculation, input.cells, filters.from, filters.to);
  return {
    metricKey: def.metricKey,
    metricId: def.id,
    name: def.name,
    domain: def.domain,
    unit: def.unit,
    calculationSource: def.calculationSource,
    updateModel: def.updateModel,
    scope: input.access,
    value: computed.value,
    breakdown: computed.breakdown,
    target: def.target,
    freshness: {
      label: freshnessLabel(def.updateModel, computed.computedAt ?? input.status?.lastSuccessAt ?? null, state, now, timeZone),
      computedAt: (computed.computedAt ?? input.status?.lastSuccessAt ?? null)?.toISOString() ?? null,
      asOf: computed.asOf,
    },
    feed: { source: def.calculationSource, state, available: state === 'ok' },
    stale,
    attention: evaluateAttention(def, computed.value, trailing, drill),
    drill,
    core: input.core,
    bySite: input.bySite,
    series: seriesValues(def.calculation, input.cells, filters.from, filters.to),
  };
}

/** Whether a metric is provider-bound (from the contract's catalogue; feeds are not). */
export function providerBound(def: MetricDefinition): boolean {
  return signalsOf(def.calculation).every((s) => signalMetric(s)?.providerBound === true);
}

/** Whether a metric is site-bound (from the contract's catalogue). */
export function siteBound(def: MetricDefinition): boolean {
  return signalsOf(def.calculation).every((s) => signalMetric(s)?.siteBound === true);
}
