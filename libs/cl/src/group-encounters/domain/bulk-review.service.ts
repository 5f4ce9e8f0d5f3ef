import type { ClTx } from '../../cl.tx';
import { generationsByIds } from '../infrastructure/group-encounter-generation.repository';
import { GenerationRow, part2AuditScope, toGenerationView } from './group-encounter-generation.view';
import { OUTCOME_DETAIL, ReviewItemResult, ReviewOutcome } from './review-result.view';

type Tx = ClTx;

export interface BulkReviewStep<D extends string, A extends D> {
  /** The state machine's answer for one row (approvalDecision / rejectionDecision). */
  decide(row: GenerationRow): D;
  /** The decision that means "apply it". */
  apply: A;
  /** The outcome of a row the action changed. */
  done: ReviewOutcome;
  /** The outcome of every other decision. */
  outcomes: Record<Exclude<D, A>, ReviewOutcome>;
  /** The conditional UPDATE (WHERE status = 'pending_review'): returns the rows it changed. */
  change(ids: string[]): Promise<GenerationRow[]>;
}

export interface BulkReview {
  ids: string[];
  changed: Map<string, GenerationRow>;
  results: ReviewItemResult[];
  /** The audit outcome of the whole action and its scope (counts per outcome, Part 2 marking). */
  auditOutcome: 'success' | 'not_found' | 'denied';
  auditScope: Record<string, unknown>;
}

/**
 * The shared shape of a bulk approve or reject: read the rows, ask the state machine, apply the change to the
 * rows it allows with a conditional UPDATE (a racing reviewer's rows are skipped), re-read the ones lost to
 * that race, and answer per id from the row's committed state.
 */
export async function bulkReview<D extends string, A extends D>(
  tx: Tx,
  organizationId: string,
  requested: string[],
  step: BulkReviewStep<D, A>,
): Promise<BulkReview> {
  const ids = [...new Set(requested)]; // canonical already (@IsId), so a repeat is the same string
  const seen = new Map((await generationsByIds(tx, organizationId, ids)).map((r) => [r.id, r]));
  const candidates = ids.filter((id) => seen.has(id) && step.decide(seen.get(id)!) === step.apply);
  const changed = new Map((await step.change(candidates)).map((r) => [r.id, r]));
  const lost = candidates.filter((id) => !changed.has(id));
  const after = new Map((await generationsByIds(tx, organizationId, lost)).map((r) => [r.id, r]));

  const results: ReviewItemResult[] = ids.map((id) => {
    const row = changed.get(id) ?? after.get(id) ?? seen.get(id);
    if (!row) return { id, outcome: 'not_found', detail: OUTCOME_DETAIL.not_found, generation: null };
    if (changed.has(id)) return { id, outcome: step.done, detail: null, generation: toGenerationView(row) };
    const decision = step.decide(row);
    // A row still open to the action that the UPDATE skipped would be a bug: say conflict rather than claim success.
    const outcome: ReviewOutcome = decision === step.apply ? 'conflict' : step.outcomes[decision as Exclude<D, A>];
    return { id, outcome, detail: OUTCOME_DETAIL[outcome], generation: toGenerationView(row) };
  });
  const counts = results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.outcome]: (acc[r.outcome] ?? 0) + 1 }), {});
  const already = results.some((r) => r.outcome === 'already_approved' || r.outcome === 'already_rejected');
  return {
    ids,
    changed,
    results,
    auditOutcome: changed.size > 0 || already ? 'success' : results.every((r) => r.outcome === 'not_found') ? 'not_found' : 'denied',
    auditScope: { requested: ids.length, outcomes: counts, ...part2AuditScope([...seen.values()]) },
  };
}

/** The single patient an action changed, for the audit row of a one-id action. */
export function singlePatient(review: BulkReview): string | null {
  return review.ids.length === 1 ? (review.changed.get(review.ids[0]!)?.patient_id ?? null) : null;
}
