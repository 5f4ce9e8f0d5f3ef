import type { Schemas } from '../../../api/client';

export type Tile = Schemas['MetricTileDto'];
export type DashboardView = Schemas['DashboardViewResponseDto'];
export type Attention = Schemas['AttentionIndicatorDto'];

const UPDATE_MODEL: Record<Tile['updateModel'], string> = {
  'real-time': 'Real-time',
  'near-real-time': 'Near real-time',
  batch: 'Batch (nightly)',
};

/** The update model in words, shown on every tile beside its freshness label. */
export function updateModelWords(model: Tile['updateModel']): string {
  return UPDATE_MODEL[model] ?? model;
}

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** A tile's figure in its unit; "—" when nothing has been computed yet. */
export function figureWords(value: number | null | undefined, unit: Tile['unit']): string {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'cents':
      return money.format(value / 100);
    case 'ratio':
      return `${Math.round(value * 1000) / 10}%`;
    case 'minutes':
      return `${Math.round(value)} min`;
    case 'hours':
      return `${Math.round(value * 10) / 10} h`;
    case 'boolean':
      return value ? 'Yes' : 'No';
    default:
      return new Intl.NumberFormat('en-US').format(value);
  }
}

/** A date-time as a person reads it ("5 Dec, 14:02"). */
export function whenWords(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-US', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false });
}

/**
 * The headline breakdown per dimension: keys "code:90853" and "source:peer-encounter" are two dimensions (by code,
 * by source), each its own chart, so bars of different kinds are never compared; keys without a prefix are one.
 */
export function breakdownGroups(breakdown: unknown): { dimension: string; rows: { label: string; value: number }[] }[] {
  const groups = new Map<string, { label: string; value: number }[]>();
  for (const { label, value } of breakdownEntries(breakdown)) {
    const at = label.indexOf(':');
    const dimension = at > 0 ? label.slice(0, at) : '';
    groups.set(dimension, [...(groups.get(dimension) ?? []), { label: at > 0 ? label.slice(at + 1) : label, value }]);
  }
  return [...groups].map(([dimension, rows]) => ({ dimension, rows }));
}

/** The headline breakdown as label/value pairs a chart and its text alternative both read. */
export function breakdownEntries(breakdown: unknown): { label: string; value: number }[] {
  if (!breakdown || typeof breakdown !== 'object') return [];
  return Object.entries(breakdown as Record<string, unknown>)
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .map(([k, v]) => ({ label: k.replace(/[-_]/g, ' '), value: v }));
}

/**
 * The staff-web address of a tile's drill-through. The API gives the drill as its own route
 * ("/api/v1/dashboards/drill/appointments.today?from=...&to=...&metric=..."), or a bare drill key: the page
 * keeps the dashboard's filters and the metric the records are behind.
 */
export function drillAddress(drill: string, search: string): string {
  const [path = '', query = ''] = drill.split('?');
  const key = path.split('/').filter(Boolean).pop() ?? '';
  const q = new URLSearchParams(search.replace(/^\?/, ''));
  const metric = new URLSearchParams(query).get('metric');
  if (metric) q.set('metric', metric);
  const s = q.toString();
  return `/dashboards/drill/${encodeURIComponent(key)}${s ? `?${s}` : ''}`;
}
