import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';

import { api, call } from '../../../api/client';
import { fieldErrorOf } from '../../../api/problem';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { PageHeader } from '../../../shared/layout';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { TableWrap } from '../../../shared/table-wrap';
import { FieldError } from './field-error';
import { chartsPerPeer, isMonth, monthLabel, monthsBack } from './supervision-report';

const hoursText = (h: number) => `${h.toFixed(2)} h`;

/**
 * Supervision hours per peer specialist and month (`GET /peer-supervision/report`): a small bar chart per peer
 * (hidden from screen readers) and the same figures in a table everyone can read, months without supervision
 * named. The period is kept in the address (`from`, `to` as YYYY-MM); the last six months by default.
 */
export function SupervisionReportPage({ today = new Date() }: { today?: Date }) {
  const { scope } = useAuth();
  const [params, setParams] = useSearchParams();
  const fallback = monthsBack(today, 5);
  const from = isMonth(params.get('from')) ? params.get('from')! : fallback.from;
  const to = isMonth(params.get('to')) ? params.get('to')! : fallback.to;
  const [draft, setDraft] = useState({ from, to });
  const report = useQuery({
    queryKey: ['peer-supervision-report', scope, from, to],
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: () => call(api.GET('/api/v1/peer-supervision/report', { params: { query: { from, to } } })),
  });
  if (isRefusal(report.error)) return <RefusedPage title="Supervision hours" error={report.error} />;
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (isMonth(draft.from) && isMonth(draft.to)) setParams({ from: draft.from, to: draft.to });
  };
  const data = report.data;
  const charts = data ? chartsPerPeer(data) : [];
  return (
    <>
      <PageHeader title="Supervision hours" />
      <p>
        <Link to="/peer/supervision">Supervision log</Link>
      </p>
      <form onSubmit={apply} className="inline-form" aria-label="Period">
        <label htmlFor="report-from">From month</label>
        <input
          id="report-from"
          type="month"
          value={draft.from}
          aria-invalid={fieldErrorOf(report.error, 'from') ? true : undefined}
          aria-describedby={fieldErrorOf(report.error, 'from') ? 'report-from-error' : undefined}
          onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
        />
        <label htmlFor="report-to">To month</label>
        <input
          id="report-to"
          type="month"
          value={draft.to}
          aria-invalid={fieldErrorOf(report.error, 'to') ? true : undefined}
          aria-describedby={fieldErrorOf(report.error, 'to') ? 'report-to-error' : undefined}
          onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
        />
        <button type="submit">Show</button>
      </form>
      <FieldError id="report-from-error" message={fieldErrorOf(report.error, 'from')} />
      <FieldError id="report-to-error" message={fieldErrorOf(report.error, 'to')} />
      {report.error !== null && report.error !== undefined && !fieldErrorOf(report.error, 'from') && !fieldErrorOf(report.error, 'to') && (
        <ErrorMessage error={report.error} />
      )}
      {report.isPending && <p role="status">Loading the report…</p>}
      {data && (
        <>
          <p role="status">
            {monthLabel(data.from)} to {monthLabel(data.to)}: {data.peers.length} peer specialist{data.peers.length === 1 ? '' : 's'}.
          </p>
          {data.peers.length === 0 && <p>No peer specialists to report on in this period.</p>}
          <div className="peer-charts">
            {charts.map((c) => (
              <figure key={c.peerProviderId} className="peer-chart">
                <figcaption>
                  <strong>{c.name}</strong>: {hoursText(c.totalHours)} in the period
                </figcaption>
                <div aria-hidden="true">
                  <BarChart accessibilityLayer={false} width={320} height={160} data={c.months} margin={{ left: 0, right: 8, top: 16 }}>
                    <CartesianGrid vertical={false} stroke="#d0d7de" />
                    <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#333333' }} interval={0} angle={-30} textAnchor="end" height={44} />
                    <YAxis width={32} tick={{ fontSize: 11, fill: '#333333' }} allowDecimals />
                    <Bar
                      dataKey="hours"
                      fill="#1f5fa8"
                      isAnimationActive={false}
                      label={{ position: 'top', fontSize: 11, fill: '#222222' }}
                    />
                  </BarChart>
                </div>
              </figure>
            ))}
          </div>
          {data.peers.length > 0 && (
            <TableWrap label="Supervision hours per peer and month">
              <table>
                <caption>Supervision hours per peer specialist and month (sessions in brackets)</caption>
                <thead>
                  <tr>
                    <th scope="col">Peer specialist</th>
                    {data.months.map((m) => (
                      <th scope="col" key={m}>
                        {monthLabel(m)}
                      </th>
                    ))}
                    <th scope="col">Total</th>
                    <th scope="col">Months without supervision</th>
                  </tr>
                </thead>
                <tbody>
                  {data.peers.map((p) => (
                    <tr key={p.peerProviderId}>
                      <th scope="row">{p.peerName ?? p.peerProviderId}</th>
                      {data.months.map((m) => {
                        const row = data.items.find((i) => i.peerProviderId === p.peerProviderId && i.month === m);
                        return (
                          <td key={m}>
                            {hoursText(row?.hours ?? 0)} ({row?.sessionCount ?? 0})
                          </td>
                        );
                      })}
                      <td>
                        {hoursText(p.hours)} ({p.sessionCount})
                      </td>
                      <td>
                        {p.monthsWithoutSupervision.length === 0 ? (
                          'None'
                        ) : (
                          <>
                            <span aria-hidden="true">⚠ </span>
                            {p.monthsWithoutSupervision.map(monthLabel).join(', ')}
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </>
      )}
    </>
  );
}
