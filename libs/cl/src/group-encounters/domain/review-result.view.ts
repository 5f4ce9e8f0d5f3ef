import type { GroupEncounterGenerationView } from './group-encounter-generation.view';

/** A bulk review's answer for one id. */
export type ReviewOutcome =
  'approved' | 'already_approved' | 'rejected' | 'already_rejected' | 'conflict' | 'not_billable' | 'consent_required' | 'not_found';

export interface ReviewItemResult {
  id: string;
  outcome: ReviewOutcome;
  /** A sentence safe to show the reviewer when the action did not apply. */
  detail: string | null;
  /** The row after the action (null when not found; identifiers hidden when consent is required). */
  generation: GroupEncounterGenerationView | null;
}

export interface ReviewResult {
  results: ReviewItemResult[];
  /** cl_group_encounters_approved events written by this action (one per session with newly approved rows). */
  eventsPublished: number;
}

export const OUTCOME_DETAIL: Record<ReviewOutcome, string | null> = {
  approved: null,
  already_approved: 'Already approved: nothing changed and nothing was published again.',
  rejected: null,
  already_rejected: 'Already rejected: nothing changed.',
  conflict: 'The generation is no longer pending review (approved, rejected or absent): a decision is final.',
  not_billable: 'The generation is not billable (see its notBillableReason) and cannot be approved; reject it or fix its code.',
  consent_required: 'A 42 CFR Part 2 consent covering you is required for this SUD-program record.',
  not_found: 'No generation with that id in your scope.',
};
