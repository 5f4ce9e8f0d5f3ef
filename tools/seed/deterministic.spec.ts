import {
  addDays,
  addMonths,
  chance,
  demoShift,
  intBetween,
  mulberry32,
  pick,
  rngFor,
  shiftDatesOf,
  stableUuid,
  weightedPick,
} from './deterministic';

const take = (rng: () => number, n: number) => Array.from({ length: n }, rng);

describe('mulberry32', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const seq = take(mulberry32(7), 5);
    expect(take(mulberry32(7), 5)).toEqual(seq);
    expect(take(mulberry32(8), 5)).not.toEqual(seq);
  });

  it('gives the published mulberry32 values, so sequences stay stable across machines', () => {
    // mulberry32(1) as computed by the widely copied reference JavaScript implementation.
    expect(take(mulberry32(1), 3).map((x) => Math.round(x * 4294967296))).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const xs = take(mulberry32(42), 10_000);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});

describe('rngFor', () => {
  it('gives each name its own repeatable stream', () => {
    expect(take(rngFor('patient', 1, 'sonoran', 3), 4)).toEqual(take(rngFor('patient', 1, 'sonoran', 3), 4));
    expect(take(rngFor('patient', 1, 'sonoran', 3), 4)).not.toEqual(take(rngFor('patient', 2, 'sonoran', 3), 4));
  });

  it('does not confuse part boundaries ("a","bc" vs "ab","c")', () => {
    expect(take(rngFor('a', 'bc'), 2)).not.toEqual(take(rngFor('ab', 'c'), 2));
  });
});

describe('stableUuid', () => {
  it('derives the same v4-shaped UUID from the same parts and another from other parts', () => {
    expect(stableUuid('org', 'sonoran')).toBe(stableUuid('org', 'sonoran'));
    expect(stableUuid('org', 'sonoran')).not.toBe(stableUuid('org', 'cascade'));
    expect(stableUuid('patient', 1, 'sonoran', 0)).not.toBe(stableUuid('patient', 2, 'sonoran', 0));
    expect(stableUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('has no collisions over many indexes', () => {
    const ids = new Set(Array.from({ length: 20_000 }, (_, i) => stableUuid('patient', 1, 'sonoran', i)));
    expect(ids.size).toBe(20_000);
  });
});

describe('pick, intBetween, chance, weightedPick', () => {
  it('draws only from what it was given', () => {
    const rng = mulberry32(3);
    const drawn = new Set(Array.from({ length: 200 }, () => pick(rng, ['a', 'b', 'c'])));
    expect([...drawn].sort()).toEqual(['a', 'b', 'c']);
    const ints = Array.from({ length: 500 }, () => intBetween(rng, 13, 17));
    expect(Math.min(...ints)).toBe(13);
    expect(Math.max(...ints)).toBe(17);
  });

  it('follows the given probability and weights', () => {
    const rng = mulberry32(9);
    const hits = Array.from({ length: 10_000 }, () => chance(rng, 0.2)).filter(Boolean).length;
    expect(hits).toBeGreaterThan(1800);
    expect(hits).toBeLessThan(2200);
    const heavy = Array.from({ length: 10_000 }, () =>
      weightedPick(rng, [
        ['heavy', 3],
        ['light', 1],
      ] as const),
    ).filter((x) => x === 'heavy').length;
    expect(heavy).toBeGreaterThan(7200);
    expect(heavy).toBeLessThan(7800);
  });

  it('rejects an empty list, an inverted range and weights that sum to nothing', () => {
    const rng = mulberry32(1);
    expect(() => pick(rng, [])).toThrow(RangeError);
    expect(() => intBetween(rng, 5, 4)).toThrow(RangeError);
    expect(() => weightedPick(rng, [['a', 0]])).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('adds and subtracts calendar days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('rejects something that is not a date', () => {
    expect(() => addDays('yesterday', 1)).toThrow(RangeError);
  });
});

describe('demoShift', () => {
  it('is nothing on the day the fixed dates were written for (tests anchor there), whole weeks and months after it', () => {
    expect(demoShift('2026-01-01')).toEqual({ days: 0, months: 0 });
    expect(demoShift('2026-01-07')).toEqual({ days: 0, months: 0 });
    expect(demoShift('2026-01-08')).toEqual({ days: 7, months: 0 });
    expect(demoShift('2026-12-05')).toEqual({ days: 336, months: 11 });
    expect(demoShift('2025-12-31')).toEqual({ days: -7, months: -1 });
  });

  it('keeps the weekday of a shifted date', () => {
    for (const today of ['2026-03-17', '2026-12-05', '2027-07-04']) {
      const moved = addDays('2025-12-16', demoShift(today).days);
      expect(new Date(`${moved}T00:00:00Z`).getUTCDay()).toBe(new Date('2025-12-16T00:00:00Z').getUTCDay());
      expect(moved < today).toBe(true);
    }
  });
});

describe('addMonths and shiftDatesOf', () => {
  it('moves months across years', () => {
    expect(addMonths('2025-01', 11)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2025-03', -4)).toBe('2024-11');
  });

  it('moves dates and instants only, keeping the time of day', () => {
    const rows = [{ day: '2025-12-10', at: '2025-12-10T22:40:00Z', note: 'on 2025-12-10', n: 3, none: null }];
    expect(shiftDatesOf(rows, 7)).toEqual([{ day: '2025-12-17', at: '2025-12-17T22:40:00Z', note: 'on 2025-12-10', n: 3, none: null }]);
    expect(shiftDatesOf(rows, 0)).toEqual(rows);
  });
});
