import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { ReviewResults } from './review-results';

const ids = ['a1', 'a2', 'a3', 'a4', 'a5'];
const names: Record<string, string> = {
  a1: 'Tootsie, Renée (2025-12-02)',
  a2: 'Hall, Isabella (2025-12-02)',
  a3: 'Adams, Caleb (2025-12-02)',
  a4: 'Withheld – Part 2 consent required (2025-12-02)',
  a5: 'Olson, Malik (2025-12-02)',
};

describe('ReviewResults', () => {
  it("summarizes a bulk approval and states each item's outcome in words, with what to do when it did not apply", () => {
    render(
      <ReviewResults
        outcome={{
          action: 'approve',
          results: [
            { id: 'a1', outcome: 'approved', detail: null, generation: null },
            { id: 'a2', outcome: 'approved', detail: null, generation: null },
            {
              id: 'a3',
              outcome: 'not_billable',
              detail: 'The generation is not billable (see its notBillableReason) and cannot be approved; reject it or fix its code.',
              generation: null,
            },
            {
              id: 'a4',
              outcome: 'consent_required',
              detail: 'A 42 CFR Part 2 consent covering you is required for this SUD-program record.',
              generation: null,
            },
            {
              id: 'a5',
              outcome: 'already_approved',
              detail: 'Already approved: nothing changed and nothing was published again.',
              generation: null,
            },
          ],
        }}
        describe={(id) => names[id]!}
        onDismiss={() => undefined}
      />,
    );
    const heading = screen.getByRole('heading', { name: 'Result of approving 5 encounters' });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByTestId('results-summary').textContent).toBe(
      '2 approved, 1 already approved, 1 not billable, 1 need Part 2 consent.',
    );
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-outcome'))).toEqual([
      'approved',
      'approved',
      'not_billable',
      'consent_required',
      'already_approved',
    ]);
    expect(items[0]!.textContent).toBe('✓ Tootsie, Renée (2025-12-02): Approved');
    expect(items[2]!.textContent).toBe(
      '⚠ Adams, Caleb (2025-12-02): Not approved: not billable Its row says why it cannot be billed. Change its code, or reject it.',
    );
    expect(items[3]!.textContent).toContain('Not changed: Part 2 consent required A Part 2 consent that covers you is needed');
    // The API's developer-facing detail (field names such as notBillableReason) is never shown.
    for (const item of items) expect(item.textContent).not.toMatch(/notBillableReason|see its/);
    // A no-op that did what was asked does not repeat the API's sentence.
    expect(items[4]!.textContent).toBe('✓ Olson, Malik (2025-12-02): Already approved: nothing changed');
    expect(ids.length).toBe(items.length);
  });

  it('words a rejection and can be dismissed', () => {
    const onDismiss = vi.fn();
    render(
      <ReviewResults
        outcome={{ action: 'reject', results: [{ id: 'a1', outcome: 'rejected', detail: null, generation: null }] }}
        describe={(id) => names[id]!}
        onDismiss={onDismiss}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Result of rejecting 1 encounter' })).toBeTruthy();
    expect(screen.getByTestId('results-summary').textContent).toBe('1 rejected.');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss the result' }));
    expect(onDismiss).toHaveBeenCalled();
  });
});
