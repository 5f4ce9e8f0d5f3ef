import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';

import { api, call, Generation } from '../../../api/client';
import { useAddressFilters } from '../../../shared/address-filters';
import { useAuth } from '../../../shared/auth';
import { codeWords } from '../../../shared/code-words';
import { DateFilter } from '../../../shared/date-filter';
import { ErrorMessage } from '../../../shared/error-message';
import { PageHeader } from '../../../shared/layout';
import { Pager } from '../../../shared/pager';
import { Part2Badge } from '../../../shared/part2-badge';
import { PatientName, PatientNames, usePatientNames } from '../../../shared/patient-names';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { Sort, SortableHeader, sortParam, useAddressSort } from '../../../shared/sortable';
import { StaffName, useStaffNames } from '../../../shared/staff-names';
import { TableWrap } from '../../../shared/table-wrap';
import {
  allState,
  attendanceWords,
  flagsOf,
  groupBySession,
  groupTypeWords,
  isEditable,
  isSelectable,
  modalityWords,
  SessionGroup,
  statusWords,
  toggled,
  withAll,
  WITHHELD_ATTENDEE,
  WITHHELD_EXPLANATION,
  withheldRows,
} from './group-review';
import { CodeEditDialog, RejectDialog } from './review-dialogs';
import { BulkOutcome, ReviewResults } from './review-results';

const PAGE_SIZE = 50;

/** The queue's sortable fields (GET /group-encounter-generations `sort`): the list is paged, so the server sorts. */
export const REVIEW_SORT_FIELDS = ['sessionDate', 'patient', 'status', 'code', 'group'] as const;
export type ReviewSortField = (typeof REVIEW_SORT_FIELDS)[number];
type ReviewSortParam = `${'' | '-'}${ReviewSortField}`;
const REVIEW_SORT_WORDS: Record<ReviewSortField, string> = {
  sessionDate: 'session date',
  patient: 'attendee',
  status: 'status',
  code: 'proposed code',
  group: 'group',
};
const STATUS_FILTERS = [
  { value: 'pending_review', label: 'Pending review' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'not_generated', label: 'Not generated (absent)' },
  { value: 'needs_consent', label: 'Withheld: Part 2 consent needed' },
  { value: 'all', label: 'Any status' },
];

/** A "select all" checkbox that shows the mixed state when some, not all, are selected. */
function SelectAll({
  state,
  label,
  onChange,
  disabled,
}: {
  state: 'all' | 'some' | 'none';
  label?: string;
  onChange(on: boolean): void;
  disabled: boolean;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={label}
      checked={state === 'all'}
      disabled={disabled}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}

export function StatusBadge({ status }: { status: string | null }) {
  const w = statusWords(status);
  return (
    <span className={`status status-${status ?? 'withheld'}`}>
      <span aria-hidden="true">{w.icon} </span>
      {w.text}
    </span>
  );
}

export function Flags({ row }: { row: Pick<Generation, 'flags' | 'billable'> }) {
  const flags = flagsOf(row);
  if (flags.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="flags">
      {flags.map((f) => (
        <li key={f.key} data-flag={f.key}>
          <span className={`badge flag-${f.key}`}>
            <span aria-hidden="true">{f.icon} </span>
            {f.text}
          </span>
          {f.detail && <span className="flag-detail muted"> {f.detail}</span>}
        </li>
      ))}
    </ul>
  );
}

export function attendeeText(row: Pick<Generation, 'patientId'>, patients: Pick<PatientNames, 'names'>): string {
  if (!row.patientId) return WITHHELD_ATTENDEE;
  return patients.names.get(row.patientId) ?? `Patient ${row.patientId.slice(0, 8)}`;
}

export function Attendee({ row, patients }: { row: Pick<Generation, 'patientId'>; patients: PatientNames }) {
  if (!row.patientId) {
    return (
      <>
        <strong className="withheld">
          <span aria-hidden="true">§ </span>
          {WITHHELD_ATTENDEE}
        </strong>
        <br />
        <span className="muted small">Cannot be approved, rejected or edited by you (see the note above)</span>
      </>
    );
  }
  return <PatientName id={row.patientId} names={patients.names} isPending={patients.isPending} />;
}

interface SessionTableProps {
  group: SessionGroup;
  groupName: string | undefined;
  selected: ReadonlySet<string>;
  setSelected(next: Set<string>): void;
  canApprove: boolean;
  canEdit: boolean;
  patients: PatientNames;
  reviewers: { names: ReadonlyMap<string, string>; isPending: boolean };
  onEdit(row: Generation): void;
  /** Approve one row on its own (no selecting first); absent when the user may not approve. */
  onApproveOne?(row: Generation): void;
  busy?: boolean;
  /** The queue's sort (server-side): Attendee, Status and Proposed code headers sort the whole queue. */
  sort?: Sort<ReviewSortField>;
  onSort?(field: ReviewSortField, firstDirection?: 'ascending' | 'descending'): void;
}

export function SessionTable({
  group,
  groupName,
  selected,
  setSelected,
  canApprove,
  canEdit,
  patients,
  reviewers,
  onEdit,
  onApproveOne,
  busy = false,
  sort,
  onSort,
}: SessionTableProps) {
  const hasActions = canEdit || canApprove;
  const header = (field: ReviewSortField, label: string) =>
    sort && onSort ? (
      <SortableHeader field={field} sort={sort} onSort={onSort}>
        {label}
      </SortableHeader>
    ) : (
      <th scope="col">{label}</th>
    );
  const title = `${groupName ?? groupTypeWords(group.groupType)}, ${group.sessionDate}`;
  const headingId = `session-${group.sessionId}`;
  const selectable = group.rows.filter(isSelectable);
  return (
    <section className="session" aria-labelledby={headingId} data-session-id={group.sessionId}>
      <h2 id={headingId}>{title}</h2>
      <p className="session-facts">
        {groupTypeWords(group.groupType)} · {modalityWords(group.modality)}
        {group.sudProgram && (
          <>
            {' · '}
            <Part2Badge /> program
          </>
        )}
        {' · '}
        {group.rows.length} attendee{group.rows.length === 1 ? '' : 's'} listed ·{' '}
        <Link to={`/group-sessions/${group.sessionId}`}>Session details</Link>
      </p>
      <TableWrap label={`Encounters of ${title}`}>
        <table className="review">
          <caption className="visually-hidden">Generated encounters of {title}</caption>
          <thead>
            <tr>
              {canApprove && (
                <th scope="col" className="select">
                  <SelectAll
                    state={allState(selected, group.rows)}
                    label={`Select all ${selectable.length} selectable in ${title}`}
                    disabled={selectable.length === 0}
                    onChange={(on) => setSelected(withAll(selected, group.rows, on))}
                  />
                </th>
              )}
              {header('patient', 'Attendee')}
              <th scope="col">Attendance</th>
              <th scope="col">Minutes</th>
              {header('status', 'Status')}
              {header('code', 'Proposed code')}
              <th scope="col">Flags</th>
              {hasActions && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {group.rows.map((r) => {
              const who = attendeeText(r, patients);
              return (
                <tr
                  key={r.id}
                  data-generation-id={r.id}
                  data-status={r.status}
                  data-billable={String(r.billable)}
                  data-selectable={String(isSelectable(r))}
                >
                  {canApprove && (
                    <td className="select">
                      {isSelectable(r) ? (
                        <input
                          type="checkbox"
                          aria-label={`Select ${who}`}
                          checked={selected.has(r.id)}
                          onChange={() => setSelected(toggled(selected, r.id))}
                        />
                      ) : (
                        <span className="muted">
                          <span aria-hidden="true">—</span>
                          <span className="visually-hidden">
                            {r.flags.consentRequired
                              ? 'Cannot be selected: Part 2 consent required'
                              : 'Cannot be selected: already decided'}
                          </span>
                        </span>
                      )}
                    </td>
                  )}
                  <th scope="row">
                    <Attendee row={r} patients={patients} />
                  </th>
                  <td>{attendanceWords(r.attendanceStatus)}</td>
                  <td>{r.minutesAttended ?? '—'}</td>
                  <td>
                    <StatusBadge status={r.status} />
                    {r.reviewedBy && (
                      <span className="muted small">
                        <br />
                        by <StaffName id={r.reviewedBy} names={reviewers.names} isPending={reviewers.isPending} />
                      </span>
                    )}
                    {r.rejectionReason && (
                      <span className="small">
                        <br />
                        Reason: {r.rejectionReason}
                      </span>
                    )}
                  </td>
                  <td>
                    <span className="code">{codeWords(r.proposedCptCode, r.proposedModifiers ?? [])}</span>
                    {r.proposedCodeSystem && <span className="muted small"> ({r.proposedCodeSystem})</span>}
                  </td>
                  <td>
                    <Flags row={r} />
                  </td>
                  {hasActions && (
                    <td>
                      {canApprove && onApproveOne && isSelectable(r) && r.billable && (
                        <button type="button" disabled={busy} onClick={() => onApproveOne(r)} aria-label={`Approve ${who}`}>
                          Approve
                        </button>
                      )}{' '}
                      {canEdit && isEditable(r) && (
                        <button type="button" className="secondary" onClick={() => onEdit(r)} aria-label={`Edit code for ${who}`}>
                          Edit code
                        </button>
                      )}
                      {!(canApprove && onApproveOne && isSelectable(r) && r.billable) && !(canEdit && isEditable(r)) && (
                        <span className="muted">
                          <span aria-hidden="true">—</span>
                          <span className="visually-hidden">No actions</span>
                        </span>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

/**
 * CL-14-EN-01 batch review: the generated group encounters by session, filtered by status (pending review
 * first), session dates and site; select some or all, approve in bulk or reject with a reason, correct a
 * proposed code; every bulk action's outcome per item, then the queue is fetched again.
 */
export function GroupReviewPage() {
  const { me, scope, permissions } = useAuth();
  const qc = useQueryClient();
  const canApprove = permissions.has('cl.group-encounter-generation.approve');
  const canEdit = permissions.has('cl.group-encounter-generation.edit');
  const { params, setFilter, setPage, clear } = useAddressFilters();
  const status = params.get('status') ?? 'pending_review';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const siteId = params.get('site') ?? '';
  const sessionId = params.get('session') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const { sort, sortBy } = useAddressSort(REVIEW_SORT_FIELDS, { field: 'sessionDate', direction: 'descending' });
  const org = me?.organizations.find((o) => o.id === scope.organizationId);
  const query = {
    // Withheld rows have no status to filter on (the API never matches them by one): they have a filter of their own.
    status: status === 'all' || status === 'needs_consent' ? undefined : (status as 'pending_review'),
    needsConsent: status === 'needs_consent' ? true : undefined,
    from: from || undefined,
    to: to || undefined,
    siteId: siteId || undefined,
    sessionId: sessionId || undefined,
    page,
    pageSize: PAGE_SIZE,
    sort: sortParam(sort) as ReviewSortParam,
  };
  const result = useQuery({
    queryKey: ['group-encounter-generations', scope, query],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/group-encounter-generations', { params: { query } })),
  });
  const groupsList = useQuery({
    queryKey: ['groups', scope],
    enabled: permissions.has('cl.groups.view'),
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: () => call(api.GET('/api/v1/groups', { params: { query: { pageSize: 200 } } })),
  });
  const groupNames = useMemo(() => new Map((groupsList.data?.items ?? []).map((g) => [g.id, g.name])), [groupsList.data]);
  const rows = useMemo(() => result.data?.items ?? [], [result.data]);
  const groups = useMemo(() => groupBySession(rows), [rows]);
  const withheld = useMemo(() => withheldRows(rows), [rows]);
  const patients = usePatientNames(
    rows.map((r) => r.patientId),
    scope.organizationId,
    permissions.has('patients.view'),
  );
  const reviewers = useStaffNames(
    rows.map((r) => r.reviewedBy),
    scope.organizationId,
  );

  // The selection belongs to one query (filters, page, scope): another query starts with nothing selected.
  const queryKey = JSON.stringify([scope, query]);
  const [selection, setSelection] = useState<{ key: string; ids: Set<string> }>({ key: queryKey, ids: new Set() });
  const selected = selection.key === queryKey ? selection.ids : new Set<string>();
  const setSelected = (ids: Set<string>) => setSelection({ key: queryKey, ids });
  const [outcome, setOutcome] = useState<(BulkOutcome & { describe: Map<string, string> }) | undefined>();
  // The result of a bulk action describes the list it was taken on: a new filter is a new list.
  const filterKey = [status, from, to, siteId, sessionId].join('|');
  const [outcomeFilters, setOutcomeFilters] = useState(filterKey);
  if (filterKey !== outcomeFilters) {
    setOutcomeFilters(filterKey);
    setOutcome(undefined);
  }
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [editing, setEditing] = useState<Generation | undefined>();
  const [notice, setNotice] = useState('');

  const chosen = rows.filter((r) => selected.has(r.id) && isSelectable(r));
  const selectableOnPage = rows.filter(isSelectable);
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['group-encounter-generations'] }),
      // Approvals become charges once the worker has run: the billing list is stale too.
      qc.invalidateQueries({ queryKey: ['charges'] }),
    ]);
  const describeAll = (items: Generation[]) => new Map(items.map((r) => [r.id, `${attendeeText(r, patients)} (${r.sessionDate})`]));

  const approve = async (items: Generation[] = chosen) => {
    if (items.length === 0) return;
    setBusy(true);
    setActionError(undefined);
    setNotice('');
    try {
      const res = await call(api.POST('/api/v1/group-encounter-generations/approve', { body: { ids: items.map((r) => r.id) } }));
      setOutcome({ action: 'approve', results: res.results, describe: describeAll(items) });
      setSelected(new Set());
      await refresh();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };
  const reject = async (reason: string) => {
    const items = chosen;
    const res = await call(api.POST('/api/v1/group-encounter-generations/reject', { body: { ids: items.map((r) => r.id), reason } }));
    setRejecting(false);
    setNotice('');
    setActionError(undefined);
    setOutcome({ action: 'reject', results: res.results, describe: describeAll(items) });
    setSelected(new Set());
    await refresh();
  };
  const saveCode = async (row: Generation, code: string, modifiers: string[]) => {
    await call(
      api.PATCH('/api/v1/group-encounter-generations/{id}', {
        params: { path: { id: row.id } },
        body: { proposedCptCode: code, modifiers },
      }),
    );
    setEditing(undefined);
    setNotice(`The code for ${attendeeText(row, patients)} (${row.sessionDate}) is now ${codeWords(code, modifiers)}.`);
    await refresh();
  };

  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const pageState = allState(selected, rows);
  if (isRefusal(result.error)) return <RefusedPage title="Group encounter review" error={result.error} />;
  return (
    <>
      <PageHeader
        title="Group encounter review"
        description="Encounters generated from documented group sessions, one per attendee. Approving one sends it to billing as a charge; a rejected one is never billed."
      />
      <form className="filters inline-form" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <span className="field">
          <label htmlFor="filter-status">Status</label>
          <select
            id="filter-status"
            value={status}
            onChange={(e) => setFilter('status', e.target.value === 'pending_review' ? '' : e.target.value)}
          >
            {STATUS_FILTERS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </span>
        <span className="field">
          <label htmlFor="filter-from">Sessions from</label>
          <DateFilter id="filter-from" value={from} onApply={(v) => setFilter('from', v)} />
        </span>
        <span className="field">
          <label htmlFor="filter-to">to</label>
          <DateFilter id="filter-to" value={to} onApply={(v) => setFilter('to', v)} />
        </span>
        <span className="field">
          <label htmlFor="filter-site">Site</label>
          <select id="filter-site" value={siteId} onChange={(e) => setFilter('site', e.target.value)}>
            <option value="">All sites</option>
            {org?.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </span>
        {(from || to || siteId || sessionId || status !== 'pending_review') && (
          <button type="button" className="secondary" onClick={clear}>
            Clear filters
          </button>
        )}
      </form>
      {rows.some((r) => r.flags.consentRequired) && (
        <p className="note part2-note">
          <strong>
            <span aria-hidden="true">§ </span>About withheld rows:
          </strong>{' '}
          {WITHHELD_EXPLANATION}
        </p>
      )}
      {sort.field !== 'sessionDate' && (
        <p className="note">
          Sorted by {REVIEW_SORT_WORDS[sort.field]} ({sort.direction}) across the whole queue; rows withheld for Part 2 come last.{' '}
          <button type="button" className="link" onClick={() => sortBy('sessionDate', 'descending')}>
            Newest session first
          </button>
        </p>
      )}
      {sessionId && (
        <p className="note">
          Showing one group session only.{' '}
          <button type="button" className="link" onClick={() => setFilter('session', '')}>
            Show every session
          </button>
        </p>
      )}
      {outcome && (
        <ReviewResults
          outcome={outcome}
          describe={(id) => outcome.describe.get(id) ?? `Encounter ${id.slice(0, 8)}`}
          onDismiss={() => setOutcome(undefined)}
        />
      )}
      <div aria-live="polite" className="notice">
        {notice && (
          <p>
            <span aria-hidden="true">✓ </span>
            {notice}
          </p>
        )}
      </div>
      {actionError !== undefined && <ErrorMessage error={actionError} />}
      {result.error && <ErrorMessage error={result.error} />}
      {result.isPending && !result.error && <p role="status">Loading the review queue…</p>}
      {data && (
        <>
          <p role="status">
            {result.isPlaceholderData
              ? 'Loading…'
              : data.total === 0
                ? 'No generated encounters match these filters.'
                : `${data.total} encounter${data.total === 1 ? '' : 's'} in ${groups.length} session${groups.length === 1 ? '' : 's'} on this page. Page ${data.page} of ${pages}.`}
          </p>
          {canApprove && rows.length > 0 && (
            <div className="toolbar" role="group" aria-label="Bulk actions">
              <label className="check">
                <SelectAll
                  state={pageState}
                  disabled={selectableOnPage.length === 0}
                  onChange={(on) => setSelected(withAll(selected, rows, on))}
                />
                Select all {selectableOnPage.length} selectable on this page
              </label>
              <span aria-live="polite" className="selected-count">
                {chosen.length} selected
              </span>
              <button type="button" disabled={busy || chosen.length === 0} onClick={() => void approve()}>
                {busy ? 'Approving…' : `Approve selected (${chosen.length})`}
              </button>
              <button type="button" className="danger" disabled={busy || chosen.length === 0} onClick={() => setRejecting(true)}>
                Reject selected ({chosen.length})…
              </button>
            </div>
          )}
          {groups.map((g) => (
            <SessionTable
              key={g.sessionId}
              group={g}
              groupName={g.groupName ?? groupNames.get(g.groupId)}
              selected={selected}
              setSelected={setSelected}
              canApprove={canApprove}
              canEdit={canEdit}
              patients={patients}
              reviewers={reviewers}
              sort={sort}
              onSort={sortBy}
              onEdit={setEditing}
              onApproveOne={(row) => void approve([row])}
              busy={busy}
            />
          ))}
          {withheld.length > 0 && (
            <section className="session withheld-rows" aria-labelledby="withheld-rows" data-withheld-count={withheld.length}>
              <h2 id="withheld-rows">
                <span aria-hidden="true">§ </span>Withheld (42 CFR Part 2)
              </h2>
              <p>
                {withheld.length} encounter{withheld.length === 1 ? '' : 's'} on this page {withheld.length === 1 ? 'is' : 'are'} withheld:
                no consent covers you for {withheld.length === 1 ? 'its' : 'their'} SUD-program record, so neither the attendee nor the
                session, code or attendance is shown, and you cannot approve, reject or edit {withheld.length === 1 ? 'it' : 'them'}.
              </p>
            </section>
          )}
          <Pager page={page} pages={pages} onPage={setPage} />
        </>
      )}
      {rejecting && <RejectDialog count={chosen.length} onCancel={() => setRejecting(false)} onReject={reject} />}
      {editing && (
        <CodeEditDialog
          row={editing}
          attendee={attendeeText(editing, patients)}
          onCancel={() => setEditing(undefined)}
          onSave={(code, modifiers) => saveCode(editing, code, modifiers)}
        />
      )}
    </>
  );
}
