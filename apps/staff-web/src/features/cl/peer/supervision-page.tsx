import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';

import { api, call } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { PageHeader } from '../../../shared/layout';
import { Pager } from '../../../shared/pager';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { StaffName, useStaffNames } from '../../../shared/staff-names';
import { TableWrap } from '../../../shared/table-wrap';
import { modalityLabel } from './peer-words';
import { SupervisionForm, type Supervision, type SupervisionFields } from './supervision-form';

const PAGE_SIZE = 20;

/** Whether the user may still correct a record: its recorder, before `editableUntil` (the API decides too). */
export const correctable = (r: { createdBy: string; editableUntil: string }, userId: string | undefined, now = new Date()) =>
  r.createdBy === userId && new Date(r.editableUntil) > now;

const body = (f: SupervisionFields) => ({
  peerProviderId: f.peerProviderId,
  supervisionDate: f.supervisionDate,
  durationMinutes: Number(f.durationMinutes),
  modality: f.modality as 'individual' | 'group' | 'telehealth' | 'phone',
  notes: f.notes,
});

/**
 * The supervision log: newest first, with who supervised whom, when, how long and how; record a session
 * (`cl.peer-supervision.record`) and correct one's own records within the correction window.
 */
export function SupervisionPage() {
  const { scope, me, permissions } = useAuth();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [mode, setMode] = useState<{ kind: 'record' } | { kind: 'correct'; id: string } | undefined>();
  const [saved, setSaved] = useState<string>();
  const list = useQuery({
    queryKey: ['peer-supervision', scope, page],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/peer-supervision', { params: { query: { page, pageSize: PAGE_SIZE } } })),
  });
  const items = list.data?.items ?? [];
  const staff = useStaffNames(
    items.flatMap((r) => [r.peerProviderId, r.supervisorId]),
    scope.organizationId,
  );
  const canRecord = permissions.has('cl.peer-supervision.record');
  if (isRefusal(list.error)) return <RefusedPage title="Peer supervision" error={list.error} />;
  const done = async (what: string) => {
    setMode(undefined);
    setSaved(what);
    await client.invalidateQueries({ queryKey: ['peer-supervision'] });
    await client.invalidateQueries({ queryKey: ['peer-supervision-report'] });
  };
  const record = async (f: SupervisionFields) => {
    await call(api.POST('/api/v1/peer-supervision', { body: body(f) }));
    await done('The supervision session was recorded.');
  };
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1;
  return (
    <>
      <PageHeader title="Peer supervision" />
      {permissions.has('cl.peer-supervision.report') && (
        <p>
          <Link to="/peer/supervision-report">Supervision hours report</Link>
        </p>
      )}
      {saved && (
        <p role="status" className="notice">
          <span aria-hidden="true">✓ </span>
          {saved}
        </p>
      )}
      {canRecord && !mode && (
        <p>
          <button type="button" onClick={() => setMode({ kind: 'record' })}>
            Record a supervision session
          </button>
        </p>
      )}
      {mode?.kind === 'record' && (
        <section aria-labelledby="sup-record-heading">
          <h2 id="sup-record-heading">Record a supervision session</h2>
          <SupervisionForm submitLabel="Record session" onSave={record} onCancel={() => setMode(undefined)} />
        </section>
      )}
      {mode?.kind === 'correct' && (
        <Correction id={mode.id} onDone={() => done('The correction was saved.')} onCancel={() => setMode(undefined)} />
      )}
      <h2>Log</h2>
      {list.error !== null && list.error !== undefined && <ErrorMessage error={list.error} />}
      {list.isPending && <p role="status">Loading the supervision log…</p>}
      {list.data && list.data.total === 0 && <p>No supervision recorded yet.</p>}
      {items.length > 0 && (
        <>
          <TableWrap label="Supervision log">
            <table>
              <caption className="visually-hidden">Supervision sessions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Peer specialist</th>
                  <th scope="col">Supervisor</th>
                  <th scope="col">Minutes</th>
                  <th scope="col">Modality</th>
                  <th scope="col">Correction</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id}>
                    <td>{r.supervisionDate}</td>
                    <td>
                      <StaffName id={r.peerProviderId} names={staff.names} isPending={staff.isPending} />
                    </td>
                    <td>
                      <StaffName id={r.supervisorId} names={staff.names} isPending={staff.isPending} />
                    </td>
                    <td>{r.durationMinutes}</td>
                    <td>{modalityLabel(r.modality)}</td>
                    <td>
                      {canRecord && correctable(r, me?.user.id) ? (
                        <button type="button" className="secondary" onClick={() => setMode({ kind: 'correct', id: r.id })}>
                          Correct<span className="visually-hidden"> the session of {r.supervisionDate}</span>
                        </button>
                      ) : (
                        <span className="muted">{r.createdBy === me?.user.id ? 'Final (window closed)' : 'Final'}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager page={page} pages={pages} onPage={(p) => setParams({ page: String(p) })} />
        </>
      )}
    </>
  );
}

/** Correct a record: its notes come from the record itself (the list carries none). */
function Correction({ id, onDone, onCancel }: { id: string; onDone(): Promise<void>; onCancel(): void }) {
  const { scope } = useAuth();
  const record = useQuery({
    queryKey: ['peer-supervision-record', scope.organizationId, id],
    queryFn: () => call(api.GET('/api/v1/peer-supervision/{id}', { params: { path: { id } } })),
  });
  const save = async (f: SupervisionFields) => {
    await call(api.PATCH('/api/v1/peer-supervision/{id}', { params: { path: { id } }, body: body(f) }));
    await onDone();
  };
  return (
    <section aria-labelledby="sup-correct-heading">
      <h2 id="sup-correct-heading">Correct a supervision session</h2>
      {record.error !== null && record.error !== undefined && <ErrorMessage error={record.error} />}
      {record.data && (
        <>
          <p className="muted">You may correct it until {new Date(record.data.editableUntil).toLocaleString()}.</p>
          <SupervisionForm initial={record.data as Supervision} submitLabel="Save correction" onSave={save} onCancel={onCancel} />
        </>
      )}
    </section>
  );
}
