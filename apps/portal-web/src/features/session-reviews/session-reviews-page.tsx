import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';

import { api, call, SessionReview } from '../../api/client';
import { fieldErrorOf } from '../../api/problem';
import { ErrorMessage } from '../../shared/error-message';
import { dateTimeWords } from '../../shared/format';
import { REVIEW_AUDIENCES, ReviewAudience, reviewAudienceOf, reviewFlags } from '../../shared/privacy';

export const RATING_WORDS: Record<number, string> = { 1: 'very poor', 2: 'poor', 3: 'okay', 4: 'good', 5: 'very good' };
export const FEEDBACK_MAX = 2000;

export function ratingWords(rating: number): string {
  return `${rating} out of 5 (${RATING_WORDS[rating] ?? ''})`;
}

/** Who sees an answered review, in the words the form used. */
export function AudienceWords({ review }: { review: Pick<SessionReview, 'sharedWithClinician' | 'anonymous'> }) {
  const a = REVIEW_AUDIENCES.find((x) => x.value === reviewAudienceOf(review))!;
  return (
    <p>
      <span className={`badge ${a.value === 'shared' ? 'shared' : 'private'}`}>
        <span aria-hidden="true">{a.value === 'shared' ? '✓ ' : '⊘ '}</span>
        {a.label}
      </span>{' '}
      <span className="muted">{a.who}</span>
    </p>
  );
}

const pendingQuery = () => call(api.GET('/api/v1/portal/session-reviews', { params: { query: { status: 'pending', pageSize: 100 } } }));

/** The form of one pending review: rating, comments, and who sees it (not shared with the therapist by default). */
export function ReviewForm({ review }: { review: SessionReview }) {
  const qc = useQueryClient();
  const [rating, setRating] = useState<number | null>(null);
  const [feedback, setFeedback] = useState('');
  const [audience, setAudience] = useState<ReviewAudience>('clinic');
  const [missing, setMissing] = useState(false);
  const send = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/portal/session-reviews/{reviewId}', {
          params: { path: { reviewId: review.reviewId } },
          body: { rating: rating!, feedback: feedback.trim() || null, ...reviewFlags(audience) },
        }),
      ),
    onSuccess: () => {
      // Marked stale, not refetched now: a refetch of the pending list would drop this review, unmount the form and
      // replace the thanks with "not waiting for an answer". The lists read again when they are next opened.
      void qc.invalidateQueries({ queryKey: ['session-reviews'], refetchType: 'none' });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
  if (send.isSuccess) {
    return (
      <div role="status" className="success">
        <p>
          <span aria-hidden="true">✓ </span>Thank you. Your review of {ratingWords(send.data.rating ?? 0)} is sent.
        </p>
        <p>{REVIEW_AUDIENCES.find((a) => a.value === reviewAudienceOf(send.data))!.who}</p>
        <p>
          <Link to="/session-reviews">Back to your session reviews</Link>
        </p>
      </div>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rating === null) {
      setMissing(true);
      return;
    }
    setMissing(false);
    send.mutate();
  };
  const ratingError = missing ? 'Choose a rating from 1 to 5 before you send your review.' : fieldErrorOf(send.error, 'rating');
  return (
    <form className="stack" onSubmit={submit} aria-label={`Review your session of ${dateTimeWords(review.appointmentStartAt)}`} noValidate>
      <fieldset aria-describedby={ratingError ? 'rating-error' : undefined}>
        <legend>How was the session?</legend>
        <div className="rating-grid">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="score-option">
              <input
                type="radio"
                name="rating"
                value={n}
                checked={rating === n}
                onChange={() => setRating(n)}
                aria-label={ratingWords(n)}
              />
              <span aria-hidden="true">{n}</span>
            </label>
          ))}
        </div>
        <p className="muted">1 is very poor, 5 is very good.</p>
        {ratingError && (
          <p id="rating-error" className="field-error" role="alert">
            {ratingError}
          </p>
        )}
      </fieldset>
      <label htmlFor="review-feedback">Comments (optional)</label>
      <textarea
        id="review-feedback"
        rows={4}
        maxLength={FEEDBACK_MAX}
        value={feedback}
        onChange={(e) => setFeedback(e.target.value)}
        placeholder="What helped, what did not, anything about the clinic"
      />
      <fieldset>
        <legend>Who sees your review?</legend>
        {REVIEW_AUDIENCES.map((a) => (
          <div key={a.value} className="audience-option">
            <input
              id={`audience-choice-${a.value}`}
              type="radio"
              name="audience"
              value={a.value}
              checked={audience === a.value}
              onChange={() => setAudience(a.value)}
              aria-describedby={`audience-${a.value}`}
            />
            <span>
              <label htmlFor={`audience-choice-${a.value}`}>
                <strong>{a.label}</strong>
              </label>
              <span id={`audience-${a.value}`} className="muted audience-who">
                {a.who}
              </span>
            </span>
          </div>
        ))}
        <p className="muted">You can send one review per session, and it cannot be changed afterwards.</p>
      </fieldset>
      <button type="submit" disabled={send.isPending}>
        {send.isPending ? 'Sending…' : 'Send review'}
      </button>
      {send.isError && <ErrorMessage error={send.error} />}
    </form>
  );
}

/** `/session-reviews/:reviewId`: the review the dashboard's prompt opens. */
export function SessionReviewPage() {
  const { reviewId } = useParams();
  const pending = useQuery({ queryKey: ['session-reviews', 'pending'], queryFn: pendingQuery });
  const review = pending.data?.items.find((r) => r.reviewId === reviewId);
  return (
    <>
      <h1>Review your session</h1>
      {pending.isPending && <p>Loading…</p>}
      {pending.isError && <ErrorMessage error={pending.error} />}
      {pending.data && !review && (
        <p>
          This review is not waiting for an answer: it may have been sent already.{' '}
          <Link to="/session-reviews">See your session reviews</Link>
        </p>
      )}
      {review && (
        <>
          <p className="lead">Your session of {dateTimeWords(review.appointmentStartAt)}.</p>
          <ReviewForm review={review} />
        </>
      )}
    </>
  );
}

/** `/session-reviews`: the sessions waiting for a review and the reviews already sent, with who sees each. */
export function SessionReviewsPage() {
  const pending = useQuery({ queryKey: ['session-reviews', 'pending'], queryFn: pendingQuery });
  const sent = useQuery({
    queryKey: ['session-reviews', 'submitted'],
    queryFn: () => call(api.GET('/api/v1/portal/session-reviews', { params: { query: { status: 'submitted', pageSize: 20 } } })),
  });
  return (
    <>
      <h1>Session reviews</h1>
      <p className="lead">After a session we ask how it went. You choose who sees each review.</p>
      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">Waiting for your review</h2>
        {pending.isPending && <p>Loading…</p>}
        {pending.isError && <ErrorMessage error={pending.error} />}
        {pending.data?.items.length === 0 && <p>No sessions are waiting for a review.</p>}
        <ul className="cards">
          {pending.data?.items.map((r) => (
            <li key={r.reviewId} className="card">
              <Link className="button-link" to={`/session-reviews/${r.reviewId}`}>
                Review your session of {dateTimeWords(r.appointmentStartAt)}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="sent-heading">
        <h2 id="sent-heading">Reviews you sent</h2>
        {sent.isPending && <p>Loading…</p>}
        {sent.isError && <ErrorMessage error={sent.error} />}
        {sent.data?.items.length === 0 && <p>You have not sent a review yet.</p>}
        <ul className="cards">
          {sent.data?.items.map((r) => (
            <li key={r.reviewId} className="card">
              <h3>Session of {dateTimeWords(r.appointmentStartAt)}</h3>
              <p>Your rating: {ratingWords(r.rating ?? 0)}</p>
              {r.feedback && <p className="note">“{r.feedback}”</p>}
              <AudienceWords review={r} />
            </li>
          ))}
        </ul>
        {sent.data && sent.data.total > sent.data.items.length && (
          <p className="muted">
            Showing your {sent.data.items.length} newest of {sent.data.total} reviews.
          </p>
        )}
      </section>
    </>
  );
}
