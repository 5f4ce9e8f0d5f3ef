import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';

import { api, call } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { PageHeader } from '../../../shared/layout';
import { Pager } from '../../../shared/pager';
import { Part2Badge } from '../../../shared/part2-badge';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { TableWrap } from '../../../shared/table-wrap';

const PAGE_SIZE = 25;

export function PatientsPage() {
  const { scope } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [text, setText] = useState(q);
  // A search started elsewhere (the header's patient search) lands here with a new q: show it in the field.
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    setShownQ(q);
    setText(q);
  }
  const result = useQuery({
    queryKey: ['patients', scope, q, page],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/patients', { params: { query: { q: q || undefined, page, pageSize: PAGE_SIZE } } })),
  });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setParams(text ? { q: text } : {});
  };
  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  if (isRefusal(result.error)) return <RefusedPage title="Patients" error={result.error} />;
  return (
    <>
      <PageHeader title="Patients" />
      <form role="search" aria-label="Search patients" onSubmit={search} className="inline-form">
        <label htmlFor="patient-search">Search by name or MRN</label>
        <input id="patient-search" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit">Search</button>
      </form>
      {result.error && <ErrorMessage error={result.error} />}
      {result.isPending && <p role="status">Loading patients…</p>}
      {data && (
        <>
          <p role="status">
            {result.isPlaceholderData
              ? 'Searching…'
              : `${data.total} patient${data.total === 1 ? '' : 's'}${q ? ` matching “${q}”` : ''}. Page ${data.page} of ${pages}.`}
          </p>
          <TableWrap label="Patient list">
            <table>
              <caption className="visually-hidden">Patients</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Date of birth</th>
                  <th scope="col">MRN</th>
                  <th scope="col">Record</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/patients/${p.id}`}>
                        {p.lastName}, {p.firstName}
                      </Link>
                    </td>
                    <td>{p.dateOfBirth}</td>
                    <td>{p.chart?.mrn ?? '—'}</td>
                    <td>{p.chart?.isPart2 ? <Part2Badge /> : 'Standard'}</td>
                    <td>{p.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager page={page} pages={pages} onPage={(p) => setParams({ ...(q ? { q } : {}), page: String(p) })} />
        </>
      )}
    </>
  );
}
