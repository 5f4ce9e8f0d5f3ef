import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';

import { api, call, Schemas } from '../../../api/client';
import type { paths } from '../../../api/generated/schema';
import { useAddressFilters } from '../../../shared/address-filters';
import { ErrorMessage } from '../../../shared/error-message';
import { PageHeader } from '../../../shared/layout';
import { Pager } from '../../../shared/pager';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { TableWrap } from '../../../shared/table-wrap';
import { filtersOf, filtersReady, filtersSearch } from './dashboard-filters';

type DrillKey = paths['/api/v1/dashboards/drill/{drillKey}']['get']['parameters']['path']['drillKey'];
type Row = Schemas['DrillRowDto'];

/** A drilled cell in words: text and numbers as they come, anything else as its JSON. */
function cellWords(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * The records behind a tile (GET /dashboards/drill/:drillKey with the dashboard's filters): the owning context's
 * columns; each row links to the record's own screen; a withheld row (Part 2 without consent) says only why.
 */
export function DrillPage() {
  const { drillKey = '' } = useParams();
  const { params, setPage } = useAddressFilters();
  const filters = filtersOf(params);
  const page = Number(params.get('page') ?? '1') || 1;
  const metric = params.get('metric') ?? undefined;
  const q = useQuery({
    queryKey: ['dashboards', 'drill', drillKey, metric, filters, page],
    queryFn: () =>
      call(
        api.GET('/api/v1/dashboards/drill/{drillKey}', {
          params: { path: { drillKey: drillKey as DrillKey }, query: { ...filters, ...(metric ? { metric } : {}), page } as never },
        }),
      ),
    enabled: filtersReady(filters),
    placeholderData: keepPreviousData,
  });
  const title = 'Records behind the figure';
  if (q.error && isRefusal(q.error)) return <RefusedPage title={title} error={q.error} />;
  const r = q.data?.records;
  return (
    <>
      <PageHeader title={title} />
      <p className="back-link">
        <Link to={`/${filtersSearch(filters)}`}>Back to the dashboard</Link>
      </p>
      {q.error && <ErrorMessage error={q.error} />}
      {q.isPending && <p className="muted">Loading the records…</p>}
      {q.data && r && (
        <>
          <p className="muted small">
            {r.total} record{r.total === 1 ? '' : 's'}
            {q.data.filters.from && q.data.filters.to && `, ${q.data.filters.from} to ${q.data.filters.to}`}. Read-only: open a record to
            work on it.
          </p>
          {r.rows.length === 0 ? (
            <p>No records for these filters.</p>
          ) : (
            <TableWrap label="Records">
              <table>
                <thead>
                  <tr>
                    {r.columns.map((c) => (
                      <th key={c.key} scope="col">
                        {c.label}
                      </th>
                    ))}
                    <th scope="col">Open</th>
                  </tr>
                </thead>
                <tbody>
                  {r.rows.map((row) => (
                    <DrillRow key={row.id} row={row} columns={r.columns} />
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <Pager page={r.page} pages={Math.ceil(r.total / Math.max(1, r.pageSize))} onPage={setPage} />
        </>
      )}
    </>
  );
}

function DrillRow({ row, columns }: { row: Row; columns: Schemas['DrillColumnDto'][] }) {
  if (row.withheld) {
    return (
      <tr>
        <td colSpan={columns.length + 1} className="withheld-attendee">
          <span aria-hidden="true">§ </span>Withheld: {row.withheld.reason}
        </td>
      </tr>
    );
  }
  const cells = (row.cells ?? {}) as Record<string, unknown>;
  return (
    <tr>
      {columns.map((c) => (
        <td key={c.key}>{cellWords(cells[c.key])}</td>
      ))}
      <td>{row.link ? <Link to={row.link}>Open record</Link> : '—'}</td>
    </tr>
  );
}
