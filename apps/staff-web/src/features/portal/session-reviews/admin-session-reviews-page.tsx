import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { api, call } from '../../../api/client';
import { useAddressFilters } from '../../../shared/address-filters';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { PageHeader } from '../../../shared/layout';
import { Pager } from '../../../shared/pager';
import { PatientName, usePatientNames } from '../../../shared/patient-names';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { StaffName, useStaffNames } from '../../../shared/staff-names';
import { TableWrap } from '../../../shared/table-wrap';
import { audienceWords, dateTime, Rating } from './review-words';

const PAGE_SIZE = 50;
/** Roles whose members give sessions, offered in the clinician filter. */
const CLINICAL_ROLES = ['clinician', 'supervisor', 'peer_specialist'];
export const ANONYMOUS = 'Anonymous';

/** The rating filter's values: `low` is the API's `maxRating=2`, a digit its `rating`. */
export function ratingQuery(value: string): { rating?: number; maxRating?: number } {
  if (value === 'low') return { maxRating: 2 };
  return /^[1-5]$/.test(value) ? { rating: Number(value) } : {};
}

/**
 * Quality view of the session reviews (seed §3.C, `portal.admin`): every answered review, shared or not; an anonymous
 * one comes without its patient (the database view withholds it), and says so.
 */
export function AdminSessionReviewsPage() {
  const { scope, permissions } = useAuth();
  const { params, setFilter, setPage, clear } = useAddressFilters();
  const rating = params.get('rating') ?? '';
  const clinicianId = params.get('clinician') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const query = { ...ratingQuery(rating), clinicianId: clinicianId || undefined, page, pageSize: PAGE_SIZE };
  const result = useQuery({
    queryKey: ['admin-session-reviews', scope, query],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/admin/portal/session-reviews', { params: { query } })),
  });
  const directory = useQuery({
    queryKey: ['staff-directory-all', scope.organizationId],
    staleTime: 5 * 60_000,
    enabled: !isRefusal(result.error),
    queryFn: () => call(api.GET('/api/v1/staff-directory', { params: { query: { page: 1, pageSize: 200 } } })),
  });
  const rows = result.data?.items ?? [];
  const staff = useStaffNames(
    rows.map((r) => r.clinicianId),
    scope.organizationId,
  );
  const patients = usePatientNames(
    rows.map((r) => r.patientId),
    scope.organizationId,
    permissions.has('patients.view'),
  );
  if (isRefusal(result.error)) return <RefusedPage title="Session reviews" error={result.error} />;
  const clinicians = (directory.data?.items ?? []).filter((s) => s.roles.some((r) => CLINICAL_ROLES.includes(r)));
  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <>
      <PageHeader
        title="Session reviews"
        description="Every review clients sent after a session, newest first, including those not shared with the therapist. Anonymous reviews come without the client."
      />
      <form className="filters inline-form" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <span className="field">
          <label htmlFor="reviews-rating">Rating</label>
          <select id="reviews-rating" value={rating} onChange={(e) => setFilter('rating', e.target.value)}>
            <option value="">Any rating</option>
            <option value="low">Low ratings (1-2)</option>
            <option value="5">5 (very good)</option>
            <option value="4">4 (good)</option>
            <option value="3">3 (okay)</option>
            <option value="2">2 (poor)</option>
            <option value="1">1 (very poor)</option>
          </select>
        </span>
        <span className="field">
          <label htmlFor="reviews-clinician">Clinician</label>
          <select id="reviews-clinician" value={clinicianId} onChange={(e) => setFilter('clinician', e.target.value)}>
            <option value="">Every clinician</option>
            {clinicianId && !clinicians.some((c) => c.id === clinicianId) && <option value={clinicianId}>The chosen clinician</option>}
            {clinicians.map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName}
              </option>
            ))}
          </select>
        </span>
        {(rating || clinicianId) && (
          <button type="button" className="secondary" onClick={clear}>
            Clear filters
          </button>
        )}
      </form>
      {result.error && <ErrorMessage error={result.error} />}
      {result.isPending && !result.error && <p role="status">Loading session reviews…</p>}
      {data && (
        <>
          <p role="status">
            {result.isPlaceholderData
              ? 'Loading…'
              : data.total === 0
                ? 'No session reviews match these filters.'
                : `${data.total} review${data.total === 1 ? '' : 's'}. Page ${data.page} of ${pages}.`}
          </p>
          {rows.length > 0 && (
            <TableWrap label="Session reviews table">
              <table className="session-reviews">
                <caption className="visually-hidden">Session reviews</caption>
                <thead>
                  <tr>
                    <th scope="col">Session</th>
                    <th scope="col">Clinician</th>
                    <th scope="col">Client</th>
                    <th scope="col">Rating</th>
                    <th scope="col">Comments</th>
                    <th scope="col">Who sees it</th>
                    <th scope="col">Sent</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.reviewId} data-review-id={r.reviewId} data-anonymous={r.anonymous}>
                      <td className="nowrap">{dateTime(r.appointmentStartAt)}</td>
                      <td>
                        <StaffName id={r.clinicianId} names={staff.names} isPending={staff.isPending} />
                      </td>
                      <th scope="row">
                        {r.patientId === null ? (
                          <strong>{ANONYMOUS}</strong>
                        ) : (
                          <PatientName id={r.patientId} names={patients.names} isPending={patients.isPending} />
                        )}
                      </th>
                      <td>
                        <Rating rating={r.rating} />
                      </td>
                      <td className="review-feedback">{r.feedback ?? <span className="muted">No comments</span>}</td>
                      <td>{audienceWords(r)}</td>
                      <td className="nowrap">{dateTime(r.submittedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {rows.some((r) => r.anonymous) && (
            <p className="note">
              An anonymous review is shown without the client: the client chose that their therapist is not told, and the quality view does
              not name them.
            </p>
          )}
          <Pager page={page} pages={pages} onPage={setPage} />
        </>
      )}
    </>
  );
}
