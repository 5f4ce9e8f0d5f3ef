/** pending -> under_review -> approved | denied (seed §3.B: review, assign a new therapist, or deny with a reason). */
export const CHANGE_REQUEST_STATUSES = ['pending', 'under_review', 'approved', 'denied'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

/** A request still waiting for a decision: a client has at most one. */
export const OPEN_CHANGE_REQUEST_STATUSES: readonly ChangeRequestStatus[] = ['pending', 'under_review'];

/** What an admin does to a request. */
export type ChangeRequestAction = 'review' | 'approve' | 'deny';

const MOVES: Record<ChangeRequestAction, { from: ChangeRequestStatus; to: ChangeRequestStatus; verb: string }> = {
  review: { from: 'pending', to: 'under_review', verb: 'taken under review' },
  approve: { from: 'under_review', to: 'approved', verb: 'approved' },
  deny: { from: 'under_review', to: 'denied', verb: 'denied' },
};

/** The one legal move of an action, or why it is refused (the 409's detail). */
export function changeRequestTransition(
  current: string,
  action: ChangeRequestAction,
): { ok: true; status: ChangeRequestStatus } | { ok: false; reason: string } {
  const move = MOVES[action];
  if (current === move.from) return { ok: true, status: move.to };
  return { ok: false, reason: `A change request that is ${current} cannot be ${move.verb}; only a ${move.from} one can.` };
}
