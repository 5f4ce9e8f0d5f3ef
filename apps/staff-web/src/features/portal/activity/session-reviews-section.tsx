import { useQuery } from '@tanstack/react-query';

import { api, call } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { Card } from '../../../shared/layout';
import { NOT_SHARED, portalKey, PortalSectionProps, timeWords, useSeesUnshared } from './portal-data';

/** The session reviews the client submitted and shared (rating 1 to 5 and their words). */
export function SessionReviewsSection({ patientId }: PortalSectionProps) {
  const { scope } = useAuth();
  const seesUnshared = useSeesUnshared();
  const reviews = useQuery({
    queryKey: portalKey(scope, patientId, 'session-reviews'),
    queryFn: () =>
      call(
        api.GET('/api/v1/patients/{id}/session-reviews', {
          params: { path: { id: patientId }, query: { status: 'submitted', page: 1, pageSize: 10 } },
        }),
      ),
  });
  return (
    <Card title="Session reviews">
      <p className="muted small">
        After a session the client may rate it.{' '}
        {seesUnshared
          ? 'As a portal administrator you see every submitted review.'
          : 'Only reviews the client chose to share with you are shown.'}
      </p>
      {reviews.isPending && <p role="status">Loading session reviews…</p>}
      {reviews.error && <ErrorMessage error={reviews.error} />}
      {reviews.data && reviews.data.items.length === 0 && (
        <p>{seesUnshared ? 'No submitted session reviews.' : 'No shared session reviews.'}</p>
      )}
      {reviews.data && reviews.data.items.length > 0 && (
        <ul className="portal-list">
          {reviews.data.items.map((r) => (
            <li key={r.reviewId} className="portal-item">
              <h3 className="portal-item-title">Session of {timeWords(r.appointmentStartAt)}</h3>
              <p className="portal-status">
                {r.rating === null ? 'No rating' : `Rated ${r.rating} of 5`}
                {r.submittedAt ? ` · sent ${timeWords(r.submittedAt)}` : ''}
                {!r.sharedWithClinician ? ` · ${NOT_SHARED}` : ''}
                {r.anonymous ? ' · sent anonymously' : ''}
              </p>
              <p className="portal-text">{r.feedback || 'No comment.'}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
