/** A session review's rating and audience in words (never stars or colour alone). */
export const RATING_WORDS: Record<number, string> = { 1: 'very poor', 2: 'poor', 3: 'okay', 4: 'good', 5: 'very good' };

export function Rating({ rating }: { rating: number }) {
  const low = rating <= 2;
  return (
    <span className={low ? 'badge review-low' : 'badge review-rating'} data-rating={rating}>
      <span aria-hidden="true">{low ? '⚠ ' : '★ '}</span>
      {rating} of 5 ({RATING_WORDS[rating] ?? 'unknown'})
    </span>
  );
}

/** Who the client let see the review (the row policy: the therapist only when shared and not anonymous). */
export function audienceWords(r: { sharedWithClinician: boolean; anonymous: boolean }): string {
  if (r.anonymous) return 'Anonymous: the therapist is not told';
  return r.sharedWithClinician ? 'Shared with the therapist' : 'Not shared: the therapist does not see it';
}

export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}
