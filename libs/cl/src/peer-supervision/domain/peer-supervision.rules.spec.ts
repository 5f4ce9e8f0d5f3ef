import { ConflictError, InvalidInputError, RuleViolationError } from '@cairn/platform/kernel';

import {
  assertEditable,
  assertNotSelfSupervision,
  assertSupervisionDate,
  buildSupervisionReport,
  hoursOf,
  monthBounds,
  monthsBetween,
  todayIn,
} from './peer-supervision.rules';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { type: (e as Error).constructor.name, fields: ((e as RuleViolationError).errors ?? []).map((x) => x.field) };
  }
  return null;
};

describe('peer supervision rules', () => {
  it('lists the months of a period, across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2025-03', '2025-03')).toEqual(['2025-03']);
  });

  it('refuses a malformed month naming the field, a period ending before it starts and one longer than 24 months, naming to', () => {
    expect(fieldOf(() => monthsBetween('2025-13', '2025-12'))).toEqual({ type: InvalidInputError.name, fields: ['from'] });
    expect(fieldOf(() => monthsBetween('2025-01', '2025-1'))).toEqual({ type: InvalidInputError.name, fields: ['to'] });
    expect(fieldOf(() => monthsBetween('2025-05', '2025-04'))).toEqual({ type: InvalidInputError.name, fields: ['to'] });
    expect(monthsBetween('2024-01', '2025-12')).toHaveLength(24);
    expect(fieldOf(() => monthsBetween('2024-01', '2026-01'))).toEqual({ type: InvalidInputError.name, fields: ['to'] });
  });

  it('turns months into a half-open date range', () => {
    expect(monthBounds('2025-02', '2025-12')).toEqual({ start: '2025-02-01', endExclusive: '2026-01-01' });
    expect(monthBounds('2025-02', '2025-02')).toEqual({ start: '2025-02-01', endExclusive: '2025-03-01' });
  });

  it('rounds hours to two places', () => {
    expect(hoursOf(90)).toBe(1.5);
    expect(hoursOf(50)).toBe(0.83);
    expect(hoursOf(0)).toBe(0);
  });

  it('judges "today" in the organization\'s time zone and refuses later dates naming supervisionDate', () => {
    const at = new Date('2026-03-01T05:00:00Z'); // still Feb 28 in Phoenix (UTC-7)
    expect(todayIn('America/Phoenix', at)).toBe('2026-02-28');
    expect(todayIn('UTC', at)).toBe('2026-03-01');
    expect(() => assertSupervisionDate('2026-02-28', '2026-02-28')).not.toThrow();
    expect(fieldOf(() => assertSupervisionDate('2026-03-01', '2026-02-28'))).toEqual({
      type: RuleViolationError.name,
      fields: ['supervisionDate'],
    });
    // A typo-old date (1025 for 2025) is refused too.
    expect(fieldOf(() => assertSupervisionDate('1025-03-01', '2026-02-28'))).toEqual({
      type: RuleViolationError.name,
      fields: ['supervisionDate'],
    });
    expect(() => assertSupervisionDate('1990-01-01', '2026-02-28')).not.toThrow();
  });

  it('refuses a supervisor supervising themselves, naming supervisorId', () => {
    expect(fieldOf(() => assertNotSelfSupervision('a', 'a'))).toEqual({ type: RuleViolationError.name, fields: ['supervisorId'] });
    expect(() => assertNotSelfSupervision('a', 'b')).not.toThrow();
  });

  it('lets a record be corrected for 7 days, then answers a conflict', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(() => assertEditable(new Date('2026-03-03T12:00:00Z'), now)).not.toThrow();
    expect(() => assertEditable(new Date('2026-03-03T11:59:59Z'), now)).toThrow(ConflictError);
  });

  it('reports every peer for every month, zero rows for gaps, hours per modality, peers by name', () => {
    const report = buildSupervisionReport(
      '2025-01',
      '2025-03',
      [
        { id: 'p2', name: 'Zoe' },
        { id: 'p1', name: 'Ann' },
      ],
      [
        { peerProviderId: 'p1', month: '2025-01', modality: 'individual', sessionCount: 2, minutes: 90 },
        { peerProviderId: 'p1', month: '2025-01', modality: 'phone', sessionCount: 1, minutes: 20 },
        { peerProviderId: 'p1', month: '2025-03', modality: 'group', sessionCount: 1, minutes: 60 },
        { peerProviderId: 'p3', month: '2025-02', modality: 'telehealth', sessionCount: 1, minutes: 45 },
      ],
    );
    expect(report.months).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(report.items.map((r) => [r.peerProviderId, r.month, r.sessionCount, r.hours])).toEqual([
      ['p1', '2025-01', 3, 1.83],
      ['p1', '2025-02', 0, 0],
      ['p1', '2025-03', 1, 1],
      ['p2', '2025-01', 0, 0],
      ['p2', '2025-02', 0, 0],
      ['p2', '2025-03', 0, 0],
      // A peer only the sums name (no longer an active peer specialist) comes last, without a name.
      ['p3', '2025-01', 0, 0],
      ['p3', '2025-02', 1, 0.75],
      ['p3', '2025-03', 0, 0],
    ]);
    expect(report.items[0]!.byModality).toEqual({
      individual: { sessionCount: 2, hours: 1.5 },
      group: { sessionCount: 0, hours: 0 },
      telehealth: { sessionCount: 0, hours: 0 },
      phone: { sessionCount: 1, hours: 0.33 },
    });
    expect(report.peers).toEqual([
      { peerProviderId: 'p1', peerName: 'Ann', sessionCount: 4, minutes: 170, hours: 2.83, monthsWithoutSupervision: ['2025-02'] },
      {
        peerProviderId: 'p2',
        peerName: 'Zoe',
        sessionCount: 0,
        minutes: 0,
        hours: 0,
        monthsWithoutSupervision: ['2025-01', '2025-02', '2025-03'],
      },
      { peerProviderId: 'p3', peerName: null, sessionCount: 1, minutes: 45, hours: 0.75, monthsWithoutSupervision: ['2025-01', '2025-03'] },
    ]);
  });
});
