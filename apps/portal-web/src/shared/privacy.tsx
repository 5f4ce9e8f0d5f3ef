/**
 * Who sees what, in the same words on every screen (ADR 0015): the client's current primary therapist sees what
 * the client shares; the clinic's portal administrators can see every portal record, shared or not.
 */
export const ADMIN_NOTE = "Your clinic's portal administrators can see all portal records, shared or not.";

export function PrivacyBadge({ shared }: { shared: boolean }) {
  return shared ? (
    <span className="badge shared">
      <span aria-hidden="true">✓ </span>Shared with your therapist
    </span>
  ) : (
    <span className="badge private">
      <span aria-hidden="true">⊘ </span>Private: your therapist cannot see this
    </span>
  );
}

/**
 * Who reads a session review, by the client's choice (libs/portal README "Session reviews": the row policy is
 * `shared_with_clinician AND NOT anonymous` for the therapist; portal administrators read every review, an anonymous
 * one in their quality view without the client's name).
 */
export type ReviewAudience = 'shared' | 'clinic' | 'anonymous';

export const REVIEW_AUDIENCES: { value: ReviewAudience; label: string; who: string }[] = [
  {
    value: 'clinic',
    label: 'Only the clinic, with my name',
    who: "Your therapist does not see this review. Your clinic's portal administrators see your rating and your words with your name, to look after the quality of care.",
  },
  {
    value: 'shared',
    label: 'Share with my therapist',
    who: "Your therapist sees your rating and your words, with your name, and is told that you left a review. Your clinic's portal administrators see it too.",
  },
  {
    value: 'anonymous',
    label: 'Anonymous to the clinic',
    who: "Your therapist is not told about this review and cannot see it. Your clinic's portal administrators read your rating and your words in their quality review without your name (the review stays in your portal record, which they can open).",
  },
];

export function reviewAudienceOf(r: { sharedWithClinician: boolean; anonymous: boolean }): ReviewAudience {
  return r.anonymous ? 'anonymous' : r.sharedWithClinician ? 'shared' : 'clinic';
}

/** What the API is sent for each choice: anonymous is never shared with the therapist. */
export function reviewFlags(a: ReviewAudience): { sharedWithClinician: boolean; anonymous: boolean } {
  return { sharedWithClinician: a === 'shared', anonymous: a === 'anonymous' };
}

/** A session prep is read by the therapist (shared by nature); the urgent flag also sends them a notice. */
export const PREP_WHO = "Your therapist reads your prep before the session. Your clinic's portal administrators can see it too.";
export const URGENT_WHO =
  'Ticking this sends your therapist a notice in Cairn as soon as you save, so they can look at it before your session. ' +
  'It is not an emergency line: nobody watches it day and night, and your therapist may not see it until they are next at work.';
export const URGENT_EMERGENCY = 'If you are in danger or thinking about hurting yourself, call or text 988 now, or call 911.';
