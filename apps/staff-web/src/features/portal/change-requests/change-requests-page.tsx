import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';

import { api, call } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { Button } from '../../../shared/button';
import { ErrorMessage } from '../../../shared/error-message';
import { PageHeader } from '../../../shared/layout';
import { Pager } from '../../../shared/pager';
import { PatientName, usePatientNames } from '../../../shared/patient-names';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { StaffName, useStaffNames } from '../../../shared/staff-names';
import { TableWrap } from '../../../shared/table-wrap';
import { ALLOWED_ACTIONS, ChangeRequest, ChangeRequestStatus, STATUS_WORDS } from './change-request-words';
import { ApproveDialog, DenyDialog } from './decision-dialogs';

const PAGE_SIZE = 25;
const STATUSES = Object.keys(STATUS_WORDS) as ChangeRequestStatus[];

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

/**
 * Therapist change requests from the portal (portal admins): newest first, filtered by state; each row offers only
 * the moves its state allows (pending: start the review; under review: approve with a new therapist, or deny with
 * a reason). A request another admin moved meanwhile answers 409, shown in words, and the list is fetched again.
 */
export function ChangeRequestsPage() {
  const { scope, permissions } = useAuth();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get('status'));
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [dialog, setDialog] = useState<{ kind: 'approve' | 'deny'; request: ChangeRequest } | null>(null);
  const [actionError, setActionError] = useState<unknown>();
  const [done, setDone] = useState('');
  const result = useQuery({
    queryKey: ['portal-change-requests', scope, status ?? null, page],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/admin/portal/change-requests', { params: { query: { status, page, pageSize: PAGE_SIZE } } })),
  });
  const items = result.data?.items ?? [];
  const patients = usePatientNames(
    items.map((r) => r.patientId),
    scope.organizationId,
    permissions.has('patients.view'),
  );
  const staff = useStaffNames(
    items.map((r) => r.newTherapistId),
    scope.organizationId,
  );
  if (isRefusal(result.error)) return <RefusedPage title="Therapist change requests" error={result.error} />;

  const label = (r: ChangeRequest) => patients.names.get(r.patientId) ?? `patient ${r.patientId.slice(0, 8)}`;
  const refresh = () => qc.invalidateQueries({ queryKey: ['portal-change-requests'] });
  const act = async (r: ChangeRequest, what: 'review' | 'approve' | 'deny', body?: object) => {
    setActionError(undefined);
    setDone('');
    const path = { params: { path: { id: r.changeRequestId } } };
    if (what === 'review') await call(api.POST('/api/v1/admin/portal/change-requests/{id}/review', path));
    if (what === 'approve')
      await call(api.POST('/api/v1/admin/portal/change-requests/{id}/approve', { ...path, body: body as { newTherapistId: string } }));
    if (what === 'deny')
      await call(api.POST('/api/v1/admin/portal/change-requests/{id}/deny', { ...path, body: body as { reason: string } }));
    setDone(
      what === 'review'
        ? `The request of ${label(r)} is now under review.`
        : what === 'approve'
          ? `Approved: ${label(r)} has a new primary therapist from today.`
          : `Denied: ${label(r)} keeps their therapist and can read your reason in the portal.`,
    );
    setDialog(null);
    await refresh();
  };
  const startReview = (r: ChangeRequest) =>
    act(r, 'review').catch((e: unknown) => {
      setActionError(e);
      void refresh();
    });
  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <>
      <PageHeader
        title="Therapist change requests"
        description="Clients ask for another therapist in the portal. A sensitive request is hidden from the client’s current therapist; portal administrators see every request."
      />
      <form className="inline-form" aria-label="Filter change requests" onSubmit={(e) => e.preventDefault()}>
        <span className="field">
          <label htmlFor="cr-status">State</label>
          <select id="cr-status" value={status ?? ''} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}>
            <option value="">Every state</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_WORDS[s]}
              </option>
            ))}
          </select>
        </span>
      </form>
      {result.error && <ErrorMessage error={result.error} />}
      {actionError !== undefined && <ErrorMessage error={actionError} />}
      {done && (
        <p role="status" className="portal-success">
          {done}
        </p>
      )}
      {result.isPending && <p role="status">Loading change requests…</p>}
      {data && data.items.length === 0 && <p>No change requests{status ? ` in the state “${STATUS_WORDS[status]}”` : ''}.</p>}
      {data && data.items.length > 0 && (
        <>
          <TableWrap label="Change requests">
            <table>
              <caption className="visually-hidden">Therapist change requests, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Requested</th>
                  <th scope="col">Client</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Visibility</th>
                  <th scope="col">State</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.changeRequestId}>
                    <td>{when(r.requestedAt)}</td>
                    <td>
                      <PatientName id={r.patientId} names={patients.names} isPending={patients.isPending} />
                    </td>
                    <td className="prewrap cr-reason">{r.reason}</td>
                    <td>
                      {r.sensitive ? (
                        <span className="badge sensitive">⊘ Sensitive: hidden from the current therapist</span>
                      ) : (
                        <span className="badge">Visible to the current therapist</span>
                      )}
                    </td>
                    <td>
                      <span className={`status-cr-${r.status}`}>{STATUS_WORDS[r.status]}</span>
                      {r.status === 'approved' && r.newTherapistId && (
                        <p className="small">
                          New therapist: <StaffName id={r.newTherapistId} names={staff.names} isPending={staff.isPending} />
                        </p>
                      )}
                      {r.status === 'denied' && r.denialReason && <p className="small prewrap">Reason: {r.denialReason}</p>}
                      {r.decidedAt && <p className="small muted">Decided {when(r.decidedAt)}</p>}
                    </td>
                    <td>
                      <div className="row-actions">
                        {ALLOWED_ACTIONS[r.status].map((a) =>
                          a === 'review' ? (
                            <Button key={a} variant="quiet" onClick={() => void startReview(r)} aria-label={`Start review: ${label(r)}`}>
                              Start review
                            </Button>
                          ) : a === 'approve' ? (
                            <Button
                              key={a}
                              variant="quiet"
                              onClick={() => setDialog({ kind: 'approve', request: r })}
                              aria-label={`Approve: ${label(r)}`}
                            >
                              Approve…
                            </Button>
                          ) : (
                            <Button
                              key={a}
                              variant="quiet"
                              onClick={() => setDialog({ kind: 'deny', request: r })}
                              aria-label={`Deny: ${label(r)}`}
                            >
                              Deny…
                            </Button>
                          ),
                        )}
                        {ALLOWED_ACTIONS[r.status].length === 0 && <span className="muted small">Decided</span>}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager page={page} pages={pages} onPage={(p) => setParams({ ...(status ? { status } : {}), page: String(p) })} />
        </>
      )}
      {dialog?.kind === 'approve' && (
        <ApproveDialog
          patientId={dialog.request.patientId}
          patientLabel={label(dialog.request)}
          onCancel={() => setDialog(null)}
          onApprove={(newTherapistId) => act(dialog.request, 'approve', { newTherapistId })}
        />
      )}
      {dialog?.kind === 'deny' && (
        <DenyDialog
          patientLabel={label(dialog.request)}
          onCancel={() => setDialog(null)}
          onDeny={(reason) => act(dialog.request, 'deny', { reason })}
        />
      )}
    </>
  );
}
