import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ReactNode, useState } from 'react';
import { Link } from 'react-router';

import { api, authFetch, call } from '../../../api/client';
import { ApiError, plainWords, toProblem } from '../../../api/problem';
import { API_BASE_URL } from '../../../api/runtime-config';
import { useAddressFilters } from '../../../shared/address-filters';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { PageHeader } from '../../../shared/layout';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { DashboardFilterBar, DashboardFilters, filtersOf, filtersReady, filtersSearch } from './dashboard-filters';
import { LiveBadge, useDashboardStream } from './dashboard-stream';
import { MetricTile } from './metric-tile';
import { DashboardView, whenWords } from './tile-words';

type Which = 'me' | 'group';

async function fetchView(which: Which, f: DashboardFilters): Promise<DashboardView> {
  const query = { ...f };
  return which === 'group'
    ? call(api.GET('/api/v1/dashboards/cross-site', { params: { query } }))
    : call(api.GET('/api/v1/dashboards/me', { params: { query } }));
}

/**
 * The caller's role dashboard (Home), or the Group / Multi-Site comparison (`which="group"`, only with
 * `dashboards.cross-site.view`): tiles, filters kept in the address, live updates, exports where the role may.
 */
export function DashboardPage({ which = 'me', noView }: { which?: Which; noView?: ReactNode }) {
  const { me, permissions, scope } = useAuth();
  const { params, setFilter } = useAddressFilters();
  const filters = filtersOf(params);
  const title = which === 'group' ? 'Group / Multi-Site' : `Welcome${me ? `, ${me.user.displayName}` : ''}`;
  const mayGroup = permissions.has('dashboards.cross-site.view');
  const mayExport = permissions.has('dashboards.export');
  const q = useQuery({
    queryKey: ['dashboards', which, scope.organizationId, scope.siteId, filters],
    queryFn: () => fetchView(which, filters),
    enabled: filtersReady(filters) && (which === 'me' || mayGroup),
    placeholderData: keepPreviousData,
  });
  const live = useDashboardStream(which === 'me' && q.isSuccess);

  if (which === 'group' && !mayGroup) {
    return (
      <>
        <PageHeader title={title} />
        <p className="error" role="alert">
          Not allowed. The group comparison needs an explicit grant to view dashboards across sites, which your role does not have here.
        </p>
      </>
    );
  }
  // A role no dashboard view is bound to (HR, an administrator) keeps the home it had: what `noView` shows.
  if (
    noView &&
    q.error instanceof ApiError &&
    q.error.problem.status === 403 &&
    q.error.problem.fieldErrors.some((e) => e.field === 'role')
  )
    return <>{noView}</>;
  if (q.error && isRefusal(q.error)) return <RefusedPage title={title} error={q.error} />;
  const view = q.data;
  return (
    <>
      <PageHeader
        title={title}
        description={view && which === 'me' ? `Your ${view.view.name} dashboard` : undefined}
        actions={which === 'me' && q.isSuccess ? <LiveBadge state={live} /> : undefined}
      />
      <nav aria-label="Dashboards" className="small">
        {which === 'group' ? <Link to="/">My dashboard</Link> : mayGroup && <Link to="/dashboards/group">Group / Multi-Site view</Link>}
      </nav>
      <DashboardFilterBar filters={filters} setFilter={setFilter} />
      {!filtersReady(filters) && <p className="muted">Choose both days of the custom range.</p>}
      {q.error && <ErrorMessage error={q.error} />}
      {q.isPending && filtersReady(filters) && <p className="muted">Loading the dashboard…</p>}
      {view && (
        <>
          <p className="small muted">
            Figures as of {whenWords(view.generatedAt)}
            {view.filters.from && view.filters.to && ` for ${view.filters.from} to ${view.filters.to}`}.
          </p>
          {mayExport && <ExportButtons which={which} filters={filters} />}
          {view.tiles.length === 0 ? (
            <p>No metrics on this dashboard for your role yet.</p>
          ) : (
            <div className="tiles">
              {view.tiles.map((t) => (
                <MetricTile key={t.metricKey} tile={t} drillSearch={filtersSearch(filters)} />
              ))}
            </div>
          )}
        </>
      )}
    </>
  );
}

/** CSV and PDF of exactly the tiles shown; a refusal at export time (the organization switched it off) in words. */
export function ExportButtons({ which, filters }: { which: Which; filters: DashboardFilters }) {
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const download = async (format: 'csv' | 'pdf') => {
    setMessage({ text: `Preparing the ${format.toUpperCase()}…` });
    const qs = new URLSearchParams({ format });
    for (const [k, v] of Object.entries(filters)) if (v) qs.set(k, String(v));
    const path = which === 'group' ? '/api/v1/dashboards/views/group/export' : '/api/v1/dashboards/me/export';
    try {
      const res = await authFetch(new Request(`${API_BASE_URL}${path}?${qs}`));
      if (!res.ok) {
        const body: unknown = await res.json().catch(() => undefined);
        const problem = toProblem(res.status, body);
        setMessage({
          error: true,
          text:
            res.status === 403
              ? 'The server refused the export: your role may not export dashboards in this organization. Ask an administrator if you need it.'
              : plainWords(problem),
        });
        return;
      }
      const blob = await res.blob();
      const name = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `dashboard.${format}`;
      if (typeof URL.createObjectURL === 'function') {
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = name;
        a.click();
        URL.revokeObjectURL(url);
      }
      setMessage({ text: `Downloaded ${name}.` });
    } catch (e) {
      setMessage({ error: true, text: e instanceof ApiError ? plainWords(e.problem) : 'The export could not be reached.' });
    }
  };
  return (
    <div className="inline-form">
      <button type="button" onClick={() => void download('csv')}>
        Export CSV
      </button>
      <button type="button" onClick={() => void download('pdf')}>
        Export PDF
      </button>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'muted'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
