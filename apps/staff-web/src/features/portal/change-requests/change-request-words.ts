import type { Schemas } from '../../../api/client';

export type ChangeRequest = Schemas['ChangeRequestResponseDto'];
export type ChangeRequestStatus = ChangeRequest['status'];
export type ChangeRequestAction = 'review' | 'approve' | 'deny';

/** The API's states in words, with a symbol (never colour alone). */
export const STATUS_WORDS: Record<ChangeRequestStatus, string> = {
  pending: '◷ Waiting for review',
  under_review: '◔ Under review',
  approved: '✓ Approved',
  denied: '✕ Denied',
};

/**
 * The actions an admin may take in each state, as the API's state machine allows them
 * (libs/portal change-request.rules.ts: pending -> under_review -> approved | denied): anything else would be a 409.
 */
export const ALLOWED_ACTIONS: Record<ChangeRequestStatus, readonly ChangeRequestAction[]> = {
  pending: ['review'],
  under_review: ['approve', 'deny'],
  approved: [],
  denied: [],
};

/** The roles that can be a client's primary therapist (the picker offers only these). */
export const THERAPIST_ROLES = ['clinician', 'supervisor'] as const;
