import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';

import { api, call, ProductivityRow, Schemas } from '../../../api/client';
import { useAddressFilters } from '../../../shared/address-filters';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { PageHeader } from '../../../shared/layout';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { SortableHeader, sortRows, useAddressSort } from '../../../shared/sortable';
import { StaffName, StaffNames, useStaffNames } from '../../../shared/staff-names';
import { TableWrap } from '../../../shared/table-wrap';
import { LagBinsChart } from './lag-bins-chart';
import { LagDistribution } from './lag-distribution';
import { ProductivityChart } from './productivity-chart';
import { productivityCsv } from './productivity-csv';
import { latestPeriodWithData, Period, periodKey, quarters } from './quarters';

/** The demo data's sessions and notes span 2024-01-01..2025-12-31: quarters from 2024 on are listed. */
const FIRST_YEAR = 2024;

function pct(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)} %`;
}

export function ProviderCell({ row, staff }: { row: ProductivityRow; staff: StaffNames }) {
  return <StaffName id={row.providerId} names={staff.names} isPending={staff.isPending} />;
}

/** The table's sortable columns (client-side: the report is one answer, not paged). */
const SORT_FIELDS = ['provider', 'caseload', 'notes', 'perWeek', 'lag', 'noShows', 'lateCancels'] as const;
type SortField = (typeof SORT_FIELDS)[number];

type Report = Schemas['ProviderProductivityResponseDto'];

/**
 * The report of GET /hr/provider-productivity (HR: every provider, or those of one home site) or of
 * /hr/provider-productivity/supervised (a clinical supervisor: the providers they supervise). Periods are calendar
 * quarters, as the API only answers for calendar months, quarters and years (ADR 0012). Without a period in the
 * address it opens on the latest quarter the API has activity for (it asks quarter by quarter, newest first, each
 * an ordinary audited read); the period, home site and sort are kept in the address.
 */
export function ProviderProductivityPage({ scope = 'organization' }: { scope?: 'organization' | 'supervised' }) {
  const reportScope = scope;
  const { me, scope: authScope } = useAuth();
  const queryClient = useQueryClient();
  const periods = useMemo(() => quarters(new Date(), FIRST_YEAR), []);
  const { params, setParams, setFilter } = useAddressFilters();
  const { sort, sortBy } = useAddressSort(SORT_FIELDS, { field: 'provider', direction: 'ascending' });
  const siteId = params.get('siteId') ?? '';
  const asked = periods.find((p) => periodKey(p) === params.get('period'));
  const [download, setDownload] = useState<{ error?: unknown; message?: string }>({});
  const org = me?.organizations.find((o) => o.id === authScope.organizationId);
  const fetchReport = (p: Period): Promise<Report> => {
    const query = { periodStart: p.start, periodEnd: p.end, siteId: siteId || undefined };
    return call(
      reportScope === 'supervised'
        ? api.GET('/api/v1/hr/provider-productivity/supervised', { params: { query } })
        : api.GET('/api/v1/hr/provider-productivity', { params: { query } }),
    );
  };
  const reportKey = (p: Period) => [
    'productivity',
    reportScope,
    authScope,
    { periodStart: p.start, periodEnd: p.end, siteId: siteId || undefined },
  ];

  // No period in the address: find the latest quarter with activity, keep its answer, and put it in the address.
  const latest = useQuery({
    queryKey: ['productivity-latest', reportScope, authScope, siteId],
    enabled: !asked,
    queryFn: async () => {
      const found = await latestPeriodWithData(periods, fetchReport);
      if (found) queryClient.setQueryData(reportKey(found.period), found.report);
      return found?.period ?? periods[0]!;
    },
  });
  useEffect(() => {
    if (asked || !latest.data) return;
    const next = new URLSearchParams(params);
    next.set('period', periodKey(latest.data));
    setParams(next, { replace: true });
  }, [asked, latest.data, params, setParams]);

  const period = asked ?? null;
  const result = useQuery({
    queryKey: period ? reportKey(period) : ['productivity', 'none'],
    enabled: period !== null,
    // The answer found while looking for the latest quarter is fresh: not asked (and audited) twice.
    staleTime: 60_000,
    queryFn: () => fetchReport(period!),
  });

  const rows = useMemo(() => result.data?.items ?? [], [result.data]);
  const suppressedCount = result.data?.suppressedProviderCount ?? 0;
  const staff = useStaffNames(
    rows.map((r) => r.providerId),
    authScope.organizationId,
  );
  const nameOf = (id: string) => staff.names.get(id) ?? id;
  const siteNameOf = (id: string) => org?.sites.find((s) => s.id === id)?.name ?? id;
  const sorted = useMemo(() => {
    const key: Record<SortField, (r: ProductivityRow) => number | string | null> = {
      provider: (r) => staff.names.get(r.providerId) ?? r.providerId,
      caseload: (r) => r.activeCaseloadCount,
      notes: (r) => r.notesCompletedCount,
      perWeek: (r) => r.notesCompletedPerWeek,
      lag: (r) => r.avgDocumentationLagHours,
      noShows: (r) => r.noShowRate,
      lateCancels: (r) => r.lateCancelCount,
    };
    return sortRows(rows, key[sort.field], sort.direction);
  }, [rows, staff.names, sort.field, sort.direction]);

  const downloadCsv = () => {
    if (!period) return;
    const name = `provider-productivity${reportScope === 'supervised' ? '-supervised' : ''}-${period.start}-${period.end}.csv`;
    const url = URL.createObjectURL(new Blob([productivityCsv(sorted, nameOf, siteNameOf)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setDownload({ message: `Downloaded ${name}.` });
  };

  const error = result.error ?? latest.error;
  if (isRefusal(error)) return <RefusedPage title="Provider productivity" error={error} />;
  const header = (field: SortField, label: string, first: 'ascending' | 'descending' = 'descending') => (
    <SortableHeader field={field} sort={sort} onSort={sortBy} firstDirection={first}>
      {label}
    </SortableHeader>
  );
  return (
    <>
      <PageHeader title={reportScope === 'supervised' ? 'Productivity of the providers I supervise' : 'Provider productivity'} />
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <span className="field">
          <label htmlFor="period">Period</label>
          <select
            id="period"
            value={period ? periodKey(period) : ''}
            disabled={!period}
            onChange={(e) => {
              setDownload({});
              setFilter('period', e.target.value);
            }}
            aria-describedby="period-hint"
          >
            {!period && <option value="">Finding the latest quarter with activity…</option>}
            {periods.map((p) => (
              <option key={p.label} value={periodKey(p)}>
                {p.label} ({p.start} to {p.end})
              </option>
            ))}
          </select>
        </span>
        <span id="period-hint" className="muted">
          Opens on the latest quarter with activity.
        </span>
        <span className="field">
          <label htmlFor="site">Home site</label>
          <select
            id="site"
            value={siteId}
            onChange={(e) => {
              setDownload({});
              setFilter('siteId', e.target.value);
            }}
          >
            <option value="">All home sites</option>
            {org?.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </span>
        <button type="button" onClick={downloadCsv} disabled={!result.data || rows.length === 0}>
          Download CSV
        </button>
      </form>
      <div aria-live="polite">{download.message && !download.error && <p>{download.message}</p>}</div>
      {download.error !== undefined && <ErrorMessage error={download.error} />}
      {error && <ErrorMessage error={error} />}
      {(latest.isFetching || (period && result.isPending)) && <p role="status">Loading the report…</p>}
      {result.data && period && (
        <>
          <p role="status">
            {rows.length === 0
              ? suppressedCount > 0
                ? `No provider can be shown for ${period.label}.`
                : 'No provider activity in this period.'
              : `${rows.length} row${rows.length === 1 ? '' : 's'} for ${period.label}.`}
          </p>
          <ProductivityChart rows={sorted} name={nameOf} periodLabel={period.label} />
          {(rows.length > 0 || suppressedCount > 0) && (
            <LagDistribution rows={rows} suppressedCount={suppressedCount} periodLabel={period.label} />
          )}
          {rows.length > 0 && (
            <TableWrap label="Provider productivity table">
              <table className="report">
                <caption className="visually-hidden">Provider productivity, {period.label}</caption>
                <thead>
                  <tr>
                    {header('provider', 'Provider', 'ascending')}
                    {header('caseload', 'Active caseload')}
                    {header('notes', 'Notes signed')}
                    {header('perWeek', 'Notes per week')}
                    {header('lag', 'Average lag (hours)')}
                    <th scope="col">Documentation lag</th>
                    {header('noShows', 'No-shows (rate)')}
                    {header('lateCancels', 'Late cancellations')}
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((r) => (
                    <tr key={r.providerId}>
                      <th scope="row">
                        <ProviderCell row={r} staff={staff} />
                      </th>
                      <td>{r.activeCaseloadCount}</td>
                      <td>{r.notesCompletedCount}</td>
                      <td>{r.notesCompletedPerWeek}</td>
                      <td>{r.avgDocumentationLagHours ?? '—'}</td>
                      <td>
                        <LagBinsChart bins={r.documentationLagBins} />
                      </td>
                      <td>
                        {r.noShowCount} ({pct(r.noShowRate)})
                      </td>
                      <td>{r.lateCancelCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {suppressedCount > 0 && (
            <p className="note" id="suppressed-note">
              <strong>Not shown:</strong> {suppressedCount} provider{suppressedCount === 1 ? '' : 's'} with activity in this period. To
              protect patients' privacy a provider appears only with at least 5 patients in the period, and some figures are withheld so
              that they cannot be worked out by comparing months, quarters and years.
            </p>
          )}
          <p className="muted">
            A dash or “Not shown” means the API withholds the figure: averages need at least 5 notes, lag bins and session categories are
            shown only when every non-empty one holds at least 5. Each row counts the provider’s work at every site; the site picker selects
            providers by their home site.
          </p>
        </>
      )}
    </>
  );
}
