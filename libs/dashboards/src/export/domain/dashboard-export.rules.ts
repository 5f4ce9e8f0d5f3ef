import type { SignalRecordPage } from '@cairn/platform/performance-signals';

import type { DashboardView, MetricTile } from '../../views/domain/dashboard.view';

/** What every export states about itself (the PDF's header; the CSV's file name and response headers). */
export interface ExportMeta {
  title: string;
  /** Organization, view and the caller's scope, in words. */
  scope: string;
  filters: { range: string; from: string; to: string; siteId: string | null; providerId: string | null };
  generatedAt: string;
  generatedBy: string;
}

export const DASHBOARD_CSV_COLUMNS = [
  'metric_key',
  'name',
  'domain',
  'value',
  'unit',
  'target',
  'update_model',
  'freshness',
  'computed_at',
  'feed_state',
  'stale_since',
  'stale_reason',
  'attention',
  'scope',
] as const;

export type Cell = string | number | boolean | null | undefined;

/** A tile's cells in DASHBOARD_CSV_COLUMNS order. */
export function tileRow(t: MetricTile): Cell[] {
  return [
    t.metricKey,
    t.name,
    t.domain,
    t.value,
    t.unit,
    t.target,
    t.updateModel,
    t.freshness.label,
    t.freshness.computedAt,
    t.feed.state,
    t.stale?.since ?? null,
    t.stale?.reason ?? null,
    t.attention.map((a) => a.label).join('; '),
    t.scope,
  ];
}

/** The header of a view export: title, scope, filters, freshness, generated at (the PDF's first lines). */
export function viewMeta(view: DashboardView, organizationName: string, who: string, roles: readonly string[]): ExportMeta {
  return {
    title: `${view.view.name} dashboard`,
    scope: `${organizationName}; view ${view.view.key} (${view.view.permissionScope} scope); roles ${roles.join(', ')}`,
    filters: view.filters,
    generatedAt: new Date().toISOString(),
    generatedBy: who,
  };
}

/** The freshness summary of a view: the oldest computed value and every source that is not ok, with since-when. */
export function freshnessSummary(view: DashboardView): string[] {
  const computed = view.tiles
    .map((t) => t.freshness.computedAt)
    .filter((c): c is string => c !== null)
    .sort();
  const lines = [
    computed.length ? `Values computed between ${computed[0]} and ${computed[computed.length - 1]}` : 'No values computed yet',
  ];
  const bad = new Map<string, string>();
  for (const t of view.tiles)
    if (t.feed.state !== 'ok' && !bad.has(t.feed.source))
      bad.set(t.feed.source, `${t.feed.source}: ${t.feed.state}${t.stale ? ` since ${t.stale.since}` : ''}`);
  return [...lines, ...[...bad.values()].map((b) => `Stale or unavailable: ${b}`)];
}

/** A drill-down page's cells: record id, the source's columns, whether withheld (Part 2) and why, and its link. */
export function drillColumns(page: SignalRecordPage): string[] {
  return ['id', ...page.columns.map((c) => c.key), 'withheld_reason', 'link'];
}

export function drillRow(page: SignalRecordPage, row: SignalRecordPage['rows'][number]): Cell[] {
  return [row.id, ...page.columns.map((c) => (row.withheld ? null : (row.cells[c.key] ?? null))), row.withheld?.reason ?? null, row.link];
}

export const EXPORT_FORMATS = ['csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A file name of the export: letters, digits and dashes only. */
export function exportFileName(kind: string, from: string, to: string, format: string): string {
  return `${`dashboard-${kind}-${from}-${to}`.replace(/[^A-Za-z0-9-]+/g, '-')}.${format}`;
}
