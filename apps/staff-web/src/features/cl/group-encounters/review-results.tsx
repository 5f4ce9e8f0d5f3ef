import { useEffect, useRef } from 'react';

import type { ReviewItem } from '../../../api/client';
import { outcomeWords, summarize } from './group-review';

export interface BulkOutcome {
  action: 'approve' | 'reject';
  results: ReviewItem[];
}

/**
 * What a bulk approve or reject did: a summary ("2 approved, 1 not billable") and every item's outcome in
 * words, with what to do when the action did not apply (never the API's developer-facing detail). The heading takes focus when it appears, so
 * keyboard and screen-reader users land on the result.
 */
export function ReviewResults({ outcome, describe, onDismiss }: { outcome: BulkOutcome; describe(id: string): string; onDismiss(): void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [outcome]);
  const n = outcome.results.length;
  return (
    <section className="results" aria-labelledby="results-heading">
      <h2 id="results-heading" ref={heading} tabIndex={-1}>
        Result of {outcome.action === 'approve' ? 'approving' : 'rejecting'} {n} encounter{n === 1 ? '' : 's'}
      </h2>
      <p className="results-summary" data-testid="results-summary">
        {summarize(outcome.results)}.
      </p>
      <ul className="results-items">
        {outcome.results.map((r) => {
          const w = outcomeWords(r.outcome);
          return (
            <li key={r.id} data-generation-id={r.id} data-outcome={r.outcome}>
              <span aria-hidden="true">{w.ok ? '✓ ' : '⚠ '}</span>
              <strong>{describe(r.id)}:</strong> {w.item}
              {w.advice && <span className="muted"> {w.advice}</span>}
            </li>
          );
        })}
      </ul>
      <button type="button" className="secondary" onClick={onDismiss}>
        Dismiss the result
      </button>
    </section>
  );
}
