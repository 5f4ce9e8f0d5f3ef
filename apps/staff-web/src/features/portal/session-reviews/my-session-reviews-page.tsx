import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { api, call } from '../../../api/client';
import { useAddressFilters } from '../../../shared/address-filters';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { PageHeader } from '../../../shared/layout';
import { Pager } from '../../../shared/pager';
import { PatientName, usePatientNames } from '../../../shared/patient-names';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { TableWrap } from '../../../shared/table-wrap';
import { dateTime, Rating } from './review-words';

const PAGE_SIZE = 50;

/**
 * The therapist's own sessions' reviews that clients shared with them (`GET /therapist/session-reviews`): the
 * database shows only reviews shared and not anonymous, of clients they are the current primary therapist of.
 */
export function MySessionReviewsPage() {
  const { scope, permissions } = useAuth();
  const { params, setPage } = useAddressFilters();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const result = useQuery({
    queryKey: ['my-session-reviews', scope, page],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/therapist/session-reviews', { params: { query: { page, pageSize: PAGE_SIZE } } })),
  });
  const rows = result.data?.items ?? [];
  const patients = usePatientNames(
    rows.map((r) => r.patientId),
    scope.organizationId,
    permissions.has('patients.view'),
  );
  if (isRefusal(result.error)) return <RefusedPage title="My session reviews" error={result.error} />;
  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <>
      <PageHeader
        title="My session reviews"
        description="Reviews of your sessions that clients chose to share with you, newest first. Reviews a client kept for the clinic or sent anonymously are not shown here."
      />
      {result.error && <ErrorMessage error={result.error} />}
      {result.isPending && !result.error && <p role="status">Loading your session reviews…</p>}
      {data && (
        <>
          <p role="status">
            {result.isPlaceholderData
              ? 'Loading…'
              : data.total === 0
                ? 'No client has shared a review of your sessions yet.'
                : `${data.total} shared review${data.total === 1 ? '' : 's'}. Page ${data.page} of ${pages}.`}
          </p>
          {rows.length > 0 && (
            <TableWrap label="My session reviews table">
              <table className="session-reviews">
                <caption className="visually-hidden">Session reviews shared with you</caption>
                <thead>
                  <tr>
                    <th scope="col">Session</th>
                    <th scope="col">Client</th>
                    <th scope="col">Rating</th>
                    <th scope="col">Comments</th>
                    <th scope="col">Sent</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.reviewId} data-review-id={r.reviewId}>
                      <td className="nowrap">{dateTime(r.appointmentStartAt)}</td>
                      <th scope="row">
                        <PatientName id={r.patientId} names={patients.names} isPending={patients.isPending} />
                      </th>
                      <td>{r.rating !== null && <Rating rating={r.rating} />}</td>
                      <td className="review-feedback">{r.feedback ?? <span className="muted">No comments</span>}</td>
                      <td className="nowrap">{r.submittedAt ? dateTime(r.submittedAt) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <Pager page={page} pages={pages} onPage={setPage} />
        </>
      )}
    </>
  );
}
