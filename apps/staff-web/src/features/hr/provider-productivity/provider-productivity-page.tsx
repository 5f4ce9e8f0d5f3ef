import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';

import { api, authFetch, call, ProductivityRow } from '../../../api/client';
import { ApiError, toProblem } from '../../../api/problem';
import { API_BASE_URL } from '../../../api/runtime-config';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { PageHeader } from '../../../shared/layout';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { StaffName, StaffNames, useStaffNames } from '../../../shared/staff-names';
import { TableWrap } from '../../../shared/table-wrap';
import { LagBinsChart } from './lag-bins-chart';
import { quarters } from './quarters';

/** The demo data's sessions and notes span 2024-01-01..2025-12-31: quarters from 2024 on are listed. */
const FIRST_YEAR = 2024;

function pct(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)} %`;
}

export function ProviderCell({ row, staff }: { row: ProductivityRow; staff: StaffNames }) {
  return <StaffName id={row.providerId} names={staff.names} isPending={staff.isPending} />;
}

/**
 * The report of GET /hr/provider-productivity (HR: every provider, or those of one home site) or of
 * /hr/provider-productivity/supervised (a clinical supervisor: the providers they supervise). Periods are calendar
 * quarters, as the API only answers for calendar months, quarters and years (ADR 0012).
 */
export function ProviderProductivityPage({ scope = 'organization' }: { scope?: 'organization' | 'supervised' }) {
  const reportScope = scope;
  const path = reportScope === 'supervised' ? '/api/v1/hr/provider-productivity/supervised' : '/api/v1/hr/provider-productivity';
  const { me, scope: authScope } = useAuth();
  const periods = useMemo(() => quarters(new Date(), FIRST_YEAR), []);
  const [periodLabel, setPeriodLabel] = useState(periods[0]?.label ?? '');
  const [siteId, setSiteId] = useState('');
  const [download, setDownload] = useState<{ error?: unknown; message?: string }>({});
  const period = periods.find((p) => p.label === periodLabel) ?? periods[0]!;
  const org = me?.organizations.find((o) => o.id === authScope.organizationId);
  const query = { periodStart: period.start, periodEnd: period.end, siteId: siteId || undefined };
  const result = useQuery({
    queryKey: ['productivity', reportScope, authScope, query],
    queryFn: () =>
      call(
        reportScope === 'supervised'
          ? api.GET('/api/v1/hr/provider-productivity/supervised', { params: { query } })
          : api.GET('/api/v1/hr/provider-productivity', { params: { query } }),
      ),
  });

  const downloadCsv = async () => {
    setDownload({ message: 'Preparing the CSV…' });
    const qs = new URLSearchParams({ periodStart: period.start, periodEnd: period.end, format: 'csv', ...(siteId ? { siteId } : {}) });
    try {
      const res = await authFetch(new Request(`${API_BASE_URL}${path}?${qs}`, { headers: { Accept: 'text/csv' } }));
      if (!res.ok) throw new ApiError(toProblem(res.status, await res.json().catch(() => undefined)));
      const blob = await res.blob();
      const name =
        /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ??
        `provider-productivity-${period.start}-${period.end}.csv`;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDownload({ message: `Downloaded ${name}.` });
    } catch (e) {
      setDownload({ error: e });
    }
  };

  const rows = result.data?.items ?? [];
  const suppressedCount = result.data?.suppressedProviderCount ?? 0;
  const staff = useStaffNames(
    rows.map((r) => r.providerId),
    authScope.organizationId,
  );
  if (isRefusal(result.error)) return <RefusedPage title="Provider productivity" error={result.error} />;
  return (
    <>
      <PageHeader title={reportScope === 'supervised' ? 'Productivity of the providers I supervise' : 'Provider productivity'} />
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <span className="field">
          <label htmlFor="period">Period</label>
          <select id="period" value={period.label} onChange={(e) => setPeriodLabel(e.target.value)} aria-describedby="period-hint">
            {periods.map((p) => (
              <option key={p.label} value={p.label}>
                {p.label} ({p.start} to {p.end})
              </option>
            ))}
          </select>
        </span>
        <span id="period-hint" className="muted">
          Demo data covers 2024 and 2025.
        </span>
        <span className="field">
          <label htmlFor="site">Home site</label>
          <select id="site" value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            <option value="">All home sites</option>
            {org?.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </span>
        <button type="button" onClick={() => void downloadCsv()}>
          Download CSV
        </button>
      </form>
      <div aria-live="polite">{download.message && !download.error && <p>{download.message}</p>}</div>
      {download.error !== undefined && <ErrorMessage error={download.error} />}
      {result.error && <ErrorMessage error={result.error} />}
      {result.isPending && <p role="status">Loading the report…</p>}
      {result.data && (
        <>
          <p role="status">
            {rows.length === 0
              ? suppressedCount > 0
                ? `No provider can be shown for ${period.label}.`
                : 'No provider activity in this period.'
              : `${rows.length} row${rows.length === 1 ? '' : 's'} for ${period.label}.`}
          </p>
          {rows.length > 0 && (
            <TableWrap label="Provider productivity table">
              <table className="report">
                <caption className="visually-hidden">Provider productivity, {period.label}</caption>
                <thead>
                  <tr>
                    <th scope="col">Provider</th>
                    <th scope="col">Active caseload</th>
                    <th scope="col">Notes signed</th>
                    <th scope="col">Notes per week</th>
                    <th scope="col">Average lag (hours)</th>
                    <th scope="col">Documentation lag</th>
                    <th scope="col">No-shows (rate)</th>
                    <th scope="col">Late cancellations</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
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
