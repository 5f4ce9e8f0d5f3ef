import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';

import { api, call, Schemas } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { Button } from '../../../shared/button';
import { ErrorMessage } from '../../../shared/error-message';
import { PageHeader } from '../../../shared/layout';
import { Pager } from '../../../shared/pager';
import { PatientName, usePatientNames } from '../../../shared/patient-names';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { StaffName, useStaffNames } from '../../../shared/staff-names';
import { TableWrap } from '../../../shared/table-wrap';

type CrisisAlert = Schemas['CrisisAlertResponseDto'];
const PAGE_SIZE = 25;

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The high-risk list (portal admins): clients who opened the crisis toolkit three times within 7 days, newest
 * first; live episodes only by default (an episode ends after 7 days without an open). Acknowledging notes that
 * someone has seen it; nothing is sent to the client.
 */
export function CrisisAlertsPage() {
  const { scope, permissions } = useAuth();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const liveOnly = params.get('all') !== '1';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const result = useQuery({
    queryKey: ['portal-crisis-alerts', scope, liveOnly, page],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/admin/portal/crisis-alerts', {
          params: { query: { liveOnly: liveOnly || undefined, page, pageSize: PAGE_SIZE } },
        }),
      ),
  });
  const items = result.data?.items ?? [];
  const patients = usePatientNames(
    items.map((a) => a.patientId),
    scope.organizationId,
    permissions.has('patients.view'),
  );
  const staff = useStaffNames(
    items.map((a) => a.acknowledgedBy),
    scope.organizationId,
  );
  const acknowledge = useMutation({
    mutationFn: (a: CrisisAlert) =>
      call(
        api.POST('/api/v1/patients/{id}/crisis-alerts/{alertId}/acknowledge', {
          params: { path: { id: a.patientId, alertId: a.alertId } },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: ['portal-crisis-alerts'] }),
  });
  if (isRefusal(result.error)) return <RefusedPage title="Crisis alerts" error={result.error} />;
  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const canAcknowledge = permissions.has('portal.crisis-toolkit.manage');
  return (
    <>
      <PageHeader
        title="Crisis alerts"
        description="Clients who opened the portal’s crisis toolkit three times within 7 days. Their therapist was told too. Reach out as your clinic’s crisis procedure says; the portal does nothing else on its own."
      />
      <form className="inline-form" aria-label="Filter crisis alerts" onSubmit={(e) => e.preventDefault()}>
        <span className="field">
          <label htmlFor="alerts-live">Show</label>
          <select
            id="alerts-live"
            value={liveOnly ? 'live' : 'all'}
            onChange={(e) => setParams(e.target.value === 'all' ? { all: '1' } : {})}
          >
            <option value="live">Live alerts (an open in the last 7 days)</option>
            <option value="all">Every alert, ended ones too</option>
          </select>
        </span>
      </form>
      {result.error && <ErrorMessage error={result.error} />}
      {acknowledge.isError && <ErrorMessage error={acknowledge.error} />}
      {result.isPending && <p role="status">Loading crisis alerts…</p>}
      {data && data.items.length === 0 && <p>{liveOnly ? 'No live crisis alerts.' : 'No crisis alerts.'}</p>}
      {data && data.items.length > 0 && (
        <>
          <TableWrap label="Crisis alerts">
            <table>
              <caption className="visually-hidden">Crisis alerts, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Client</th>
                  <th scope="col">Raised</th>
                  <th scope="col">Opens</th>
                  <th scope="col">Last open</th>
                  <th scope="col">State</th>
                  <th scope="col">Acknowledged</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <tr key={a.alertId}>
                    <td>
                      <PatientName id={a.patientId} names={patients.names} isPending={patients.isPending} />
                    </td>
                    <td>{when(a.raisedAt)}</td>
                    <td>
                      {a.openCount} since {when(a.firstOpenAt)}
                    </td>
                    <td>{when(a.lastOpenAt)}</td>
                    <td>
                      {a.live ? (
                        <span className="status-cr-denied">⚠ Live</span>
                      ) : (
                        <span className="muted">Ended (7 days without an open)</span>
                      )}
                    </td>
                    <td>
                      {a.acknowledgedAt ? (
                        <>
                          ✓ {when(a.acknowledgedAt)}
                          {a.acknowledgedBy && (
                            <>
                              {' '}
                              by <StaffName id={a.acknowledgedBy} names={staff.names} isPending={staff.isPending} />
                            </>
                          )}
                        </>
                      ) : canAcknowledge ? (
                        <Button
                          variant="quiet"
                          disabled={acknowledge.isPending}
                          onClick={() => acknowledge.mutate(a)}
                          aria-label={`Acknowledge the alert of ${patients.names.get(a.patientId) ?? 'this client'}`}
                        >
                          Acknowledge
                        </Button>
                      ) : (
                        'Not yet'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager page={page} pages={pages} onPage={(p) => setParams({ ...(liveOnly ? {} : { all: '1' }), page: String(p) })} />
        </>
      )}
    </>
  );
}
