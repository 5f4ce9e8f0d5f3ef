import { Generation, rejectionTarget } from './demo-review';

const gen = (id: string, patientId: string | null, billable: boolean, consentRequired = false): Generation => ({
  id,
  status: 'pending_review',
  billable,
  patientId,
  flags: { consentRequired },
});

describe('rejectionTarget', () => {
  it('picks the billable attendee the reviewer may see, first by patient id, whatever order the rows come in', () => {
    const rows = [gen('g1', 'p3', true), gen('g2', 'p1', false), gen('g3', null, true, true), gen('g4', 'p2', true)];
    expect(rejectionTarget(rows)?.id).toBe('g4');
    expect(rejectionTarget([...rows].reverse())?.id).toBe('g4');
  });

  it('never picks a row withheld for Part 2 consent, and picks nothing when no row is billable', () => {
    expect(rejectionTarget([gen('g1', null, true, true), gen('g2', 'p1', false)])).toBeUndefined();
  });
});
