import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';

import { api, call, Schemas } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { Pager } from '../../../shared/pager';
import { StaffName, StaffNames, useStaffNames } from '../../../shared/staff-names';
import { TableWrap } from '../../../shared/table-wrap';

export type ChartEncounter = Schemas['ChartEncounterDto'];

const PAGE_SIZE = 20;

const TYPE_LABEL: Record<ChartEncounter['encounterType'], string> = { group: 'Group', individual: 'Individual', peer: 'Peer support' };

/** Why the API withheld Part 2 group encounters (its `withheldReason`, the consent check's reason), in plain words. */
const WITHHELD_REASON: Record<string, string> = {
  no_consent: 'no Part 2 consent covering group encounters',
  not_covered: 'the Part 2 consent on file does not cover group encounters for your role or purpose',
  revoked: 'the patient revoked their Part 2 consent',
  expired: 'no Part 2 consent covering group encounters is in effect (expired or not yet started)',
};

/** "N group encounters withheld: <reason>" — a count and a reason, never which encounters. */
export function withheldMessage(count: number, reason: string | null | undefined, onThisPage = false): string {
  const why = (reason && WITHHELD_REASON[reason]) || 'a Part 2 consent covering group encounters could not be confirmed';
  return `${count} group encounter${count === 1 ? '' : 's'} withheld${onThisPage ? ' on this page' : ''}: ${why}`;
}

/** Attendance in text and a symbol, never colour alone. */
export function AttendanceStatus({ status, minutes }: { status: 'present' | 'partial' | 'absent'; minutes?: number }) {
  const symbol = status === 'present' ? '✓' : status === 'partial' ? '◐' : '✗';
  const text = status === 'present' ? 'Present' : status === 'partial' ? 'Partial' : 'Absent';
  return (
    <span className={`attendance attendance-${status}`}>
      <span aria-hidden="true">{symbol} </span>
      {text}
      {minutes !== undefined && `, ${minutes} min`}
    </span>
  );
}

/**
 * The rows of one page of encounters. A group encounter names its group (the API's `groupName`) and links to its
 * session when the user may open sessions (`cl.groups.view`); otherwise the group is plain text.
 */
export function EncounterTable({
  items,
  staff,
  siteName,
  canOpenSessions,
}: {
  items: ChartEncounter[];
  staff: StaffNames;
  siteName: (id: string) => string;
  canOpenSessions: boolean;
}) {
  return (
    <TableWrap label="Encounters table">
      <table className="encounters">
        <caption className="visually-hidden">Encounters, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Type</th>
            <th scope="col">Group session</th>
            <th scope="col">Attendance</th>
            <th scope="col">Minutes</th>
            <th scope="col">Rendering provider</th>
            <th scope="col">Site</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => {
            const g = e.groupSession;
            const groupName = g?.groupName ?? 'Group session';
            const times = g?.startTime && g.endTime ? `${g.startTime}–${g.endTime}` : null;
            return (
              <tr key={e.id} data-encounter-type={e.encounterType}>
                <td className="nowrap">{e.serviceDate}</td>
                <td>{TYPE_LABEL[e.encounterType] ?? e.encounterType}</td>
                <td>
                  {g ? (
                    <>
                      {canOpenSessions ? <Link to={`/group-sessions/${g.sessionId}`}>{groupName}</Link> : groupName}
                      {times && <span className="muted nowrap"> {times}</span>}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>{g ? <AttendanceStatus status={g.attendanceStatus} /> : <span className="muted">—</span>}</td>
                <td>{g ? g.minutesAttended : e.durationMinutes}</td>
                <td>
                  <StaffName id={e.renderingProviderId} names={staff.names} isPending={staff.isPending} />
                </td>
                <td>{siteName(e.siteId)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

/**
 * The withheld count of a Part 2 chart's page (the API counts per page): how many and why, nothing that identifies
 * them. `onThisPage` when there are other pages.
 */
export function WithheldNotice({
  count,
  reason,
  onThisPage = false,
}: {
  count: number;
  reason: string | null | undefined;
  onThisPage?: boolean;
}) {
  if (count <= 0) return null;
  return (
    <p className="withheld" data-testid="withheld">
      <span aria-hidden="true">§ </span>
      {withheldMessage(count, reason, onThisPage)}.
    </p>
  );
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The chart's encounters (`GET /api/v1/patients/:id/encounters`), newest first, paged like the API, with a date
 * range filter (the API's from/to, inclusive). The filter and page live in the address (`from`, `to`, `encPage`).
 */
export function ChartEncounters({ patientId, chartNotice }: { patientId: string; chartNotice?: string | null }) {
  const { scope, me, permissions } = useAuth();
  const [params, setParams] = useSearchParams();
  const from = DATE.test(params.get('from') ?? '') ? params.get('from')! : '';
  const to = DATE.test(params.get('to') ?? '') ? params.get('to')! : '';
  const page = Math.max(1, Number(params.get('encPage') ?? '1') || 1);
  const [fromText, setFromText] = useState(from);
  const [toText, setToText] = useState(to);
  const result = useQuery({
    queryKey: ['patient-encounters', scope, patientId, from, to, page],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/patients/{id}/encounters', {
          params: { path: { id: patientId }, query: { from: from || undefined, to: to || undefined, page, pageSize: PAGE_SIZE } },
        }),
      ),
  });
  const data = result.data;
  const staff = useStaffNames(data?.items.map((e) => e.renderingProviderId) ?? [], scope.organizationId);
  const org = me?.organizations.find((o) => o.id === scope.organizationId);
  const siteName = (siteId: string) => org?.sites.find((s) => s.id === siteId)?.name ?? siteId;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  const go = (next: { from?: string; to?: string; page?: number }) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of [
      ['from', next.from ?? from],
      ['to', next.to ?? to],
    ] as const) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    if (next.page && next.page > 1) p.set('encPage', String(next.page));
    else p.delete('encPage');
    setParams(p);
  };
  const filter = (e: FormEvent) => {
    e.preventDefault();
    go({ from: fromText, to: toText, page: 1 });
  };
  const clear = () => {
    setFromText('');
    setToText('');
    go({ from: '', to: '', page: 1 });
  };

  return (
    <section aria-labelledby="encounters-heading">
      <h2 id="encounters-heading">Encounters</h2>
      <form className="inline-form" onSubmit={filter} aria-label="Filter encounters by date">
        <label htmlFor="enc-from">From</label>
        <input id="enc-from" type="date" value={fromText} max={toText || undefined} onChange={(e) => setFromText(e.target.value)} />
        <label htmlFor="enc-to">To</label>
        <input id="enc-to" type="date" value={toText} min={fromText || undefined} onChange={(e) => setToText(e.target.value)} />
        <button type="submit">Show encounters</button>
        {(from || to) && (
          <button type="button" className="link" onClick={clear}>
            Clear dates
          </button>
        )}
      </form>
      {result.error && <ErrorMessage error={result.error} />}
      {result.isPending && <p role="status">Loading encounters…</p>}
      {data && (
        <>
          <p role="status">
            {result.isPlaceholderData
              ? 'Loading encounters…'
              : `${data.total} encounter${data.total === 1 ? '' : 's'}${from || to ? ` from ${from || 'the first'} to ${to || 'the latest'}` : ''}. Page ${data.page} of ${pages}.`}
          </p>
          <WithheldNotice count={data.withheld} reason={data.withheldReason} onThisPage={pages > 1} />
          {data.part2Notice && data.part2Notice !== chartNotice && (
            <p className="part2-notice">
              <span aria-hidden="true">§ </span>
              {data.part2Notice}
            </p>
          )}
          {data.items.length === 0 ? (
            <p>
              {data.withheld > 0
                ? 'No other encounters on this page.'
                : from || to
                  ? 'No encounters in these dates.'
                  : 'No encounters yet.'}
            </p>
          ) : (
            <EncounterTable items={data.items} staff={staff} siteName={siteName} canOpenSessions={permissions.has('cl.groups.view')} />
          )}
          <Pager
            page={page}
            pages={pages}
            onPage={(p) => go({ page: p })}
            label="Encounter pages"
            previous="Previous encounters"
            next="More encounters"
          />
        </>
      )}
    </section>
  );
}
