import { useAuth } from '../../../shared/auth';
import { DateFilter } from '../../../shared/date-filter';

export type RangeKey = 'today' | 'this-week' | 'custom';

export interface DashboardFilters {
  range: RangeKey;
  from?: string;
  to?: string;
  siteId?: string;
  providerId?: string;
}

/** The filters kept in the address (`range`, `from`, `to`, `siteId`, `providerId`), as the API's query. */
export function filtersOf(params: URLSearchParams): DashboardFilters {
  const raw = params.get('range');
  const range: RangeKey = raw === 'this-week' || raw === 'custom' ? raw : 'today';
  const f: DashboardFilters = { range };
  if (range === 'custom') {
    if (params.get('from')) f.from = params.get('from')!;
    if (params.get('to')) f.to = params.get('to')!;
  }
  if (params.get('siteId')) f.siteId = params.get('siteId')!;
  if (params.get('providerId')) f.providerId = params.get('providerId')!;
  return f;
}

/** A custom range is asked for only once both of its days are set. */
export function filtersReady(f: DashboardFilters): boolean {
  return f.range !== 'custom' || Boolean(f.from && f.to);
}

/** The same filters as an address query (for the drill-through link). */
export function filtersSearch(f: DashboardFilters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Date range (today, this week, custom days), site (the sites of the chosen organization the user holds the
 * dashboard at) and provider (everyone in scope, or the user's own figures).
 */
export function DashboardFilterBar(props: { filters: DashboardFilters; setFilter(name: string, value: string): void }) {
  const { filters, setFilter } = props;
  const { me, scope } = useAuth();
  const org = me?.organizations.find((o) => o.id === scope.organizationId) ?? me?.organizations[0];
  const sites = (org?.sites ?? []).filter((s) => s.permissions.includes('dashboards.view'));
  const myId = me?.user.id;
  return (
    <form role="search" aria-label="Dashboard filters" className="inline-form" onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        Dates
        <select value={filters.range} onChange={(e) => setFilter('range', e.target.value === 'today' ? '' : e.target.value)}>
          <option value="today">Today</option>
          <option value="this-week">This week</option>
          <option value="custom">Custom range</option>
        </select>
      </label>
      {filters.range === 'custom' && (
        <>
          <label className="field" htmlFor="dash-from">
            From
          </label>
          <DateFilter id="dash-from" value={filters.from ?? ''} max={filters.to} onApply={(v) => setFilter('from', v)} />
          <label className="field" htmlFor="dash-to">
            To
          </label>
          <DateFilter id="dash-to" value={filters.to ?? ''} min={filters.from} onApply={(v) => setFilter('to', v)} />
        </>
      )}
      {sites.length > 0 && (
        <label className="field">
          Site
          <select value={filters.siteId ?? ''} onChange={(e) => setFilter('siteId', e.target.value)}>
            <option value="">All my sites</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {myId && (
        <label className="field">
          Provider
          <select value={filters.providerId ?? ''} onChange={(e) => setFilter('providerId', e.target.value)}>
            <option value="">Everyone in my scope</option>
            <option value={myId}>Only me</option>
            {filters.providerId && filters.providerId !== myId && <option value={filters.providerId}>The provider in the link</option>}
          </select>
        </label>
      )}
    </form>
  );
}
