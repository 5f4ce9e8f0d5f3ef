import { computeValue, seriesValues, trailingValues, type StoredCell } from './metric-value.rules';

const at = new Date('2026-12-05T10:00:00Z');
const cell = (signal: string, day: string, value: number, breakdown: Record<string, number> | null = null): StoredCell => ({
  signal,
  day,
  siteId: null,
  value,
  breakdown,
  computedAt: at,
});

describe('computeValue', () => {
  const cells = [
    cell('a', '2026-12-01', 2, { x: 1, y: 1 }),
    cell('a', '2026-12-02', 3, { x: 3 }),
    cell('b', '2026-12-01', 10),
    cell('b', '2026-12-02', 0),
    cell('s', '2026-11-30', 7),
    cell('s', '2026-12-02', 4),
  ];

  it('sums daily buckets over the range and merges breakdowns', () => {
    expect(computeValue({ op: 'sum', signal: 'a' }, cells, '2026-12-01', '2026-12-02')).toMatchObject({
      value: 5,
      breakdown: { x: 4, y: 1 },
      computedAt: at,
    });
    expect(computeValue({ op: 'sum', signal: 'a' }, cells, '2026-12-03', '2026-12-04').value).toBeNull();
  });

  it('takes the latest as-of day of a snapshot within the range', () => {
    expect(computeValue({ op: 'latest', signal: 's' }, cells, '2026-11-01', '2026-12-05')).toMatchObject({ value: 4, asOf: '2026-12-02' });
    expect(computeValue({ op: 'latest', signal: 's' }, cells, '2026-11-01', '2026-12-01')).toMatchObject({ value: 7, asOf: '2026-11-30' });
  });

  it('divides two sums, and is null when the denominator is zero', () => {
    expect(computeValue({ op: 'ratio', signal: 'a', denominator: 'b' }, cells, '2026-12-01', '2026-12-02').value).toBe(0.5);
    expect(computeValue({ op: 'ratio', signal: 'a', denominator: 'b' }, cells, '2026-12-02', '2026-12-02').value).toBeNull();
  });

  it('trailing values are the preceding windows of the same length within 8 weeks', () => {
    const daily = Array.from({ length: 70 }, (_, i) =>
      cell('a', new Date(Date.parse('2026-12-05T00:00:00Z') - i * 86_400_000).toISOString().slice(0, 10), 1),
    );
    expect(trailingValues({ op: 'sum', signal: 'a' }, daily, '2026-12-05', '2026-12-05')).toHaveLength(56);
    expect(trailingValues({ op: 'sum', signal: 'a' }, daily, '2026-11-30', '2026-12-06')).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
  });
});

describe('seriesValues', () => {
  const cells = [cell('a', '2026-12-01', 2), cell('a', '2026-12-03', 5), cell('a', '2026-11-20', 9), cell('b', '2026-12-03', 10)];

  it('gives one point per window of the range length, oldest first, ending with the range, gaps as null', () => {
    const s = seriesValues({ op: 'sum', signal: 'a' }, cells, '2026-12-03', '2026-12-03');
    expect(s).toHaveLength(8);
    expect(s[0]).toEqual({ from: '2026-11-26', to: '2026-11-26', value: null });
    expect(s.slice(-3)).toEqual([
      { from: '2026-12-01', to: '2026-12-01', value: 2 },
      { from: '2026-12-02', to: '2026-12-02', value: null },
      { from: '2026-12-03', to: '2026-12-03', value: 5 },
    ]);
  });

  it('uses weeks for a week and computes ratios per window', () => {
    const s = seriesValues({ op: 'ratio', signal: 'a', denominator: 'b' }, cells, '2026-11-30', '2026-12-06');
    expect(s).toHaveLength(8);
    expect(s[7]).toEqual({ from: '2026-11-30', to: '2026-12-06', value: 0.7 });
    expect(s[5]).toEqual({ from: '2026-11-16', to: '2026-11-22', value: null });
  });

  it('stays within the trailing 8 weeks for long ranges', () => {
    const s = seriesValues({ op: 'sum', signal: 'a' }, cells, '2026-11-01', '2026-11-30');
    expect(s.map((p) => [p.from, p.to])).toEqual([
      ['2026-10-02', '2026-10-31'],
      ['2026-11-01', '2026-11-30'],
    ]);
    expect(s[1]!.value).toBe(9);
  });
});
