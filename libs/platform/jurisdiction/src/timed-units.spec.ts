import { allocateTimedUnits, timedUnits } from './timed-units';

describe('timedUnits at the 15-minute boundaries', () => {
  // minutes:                    7  8  22 23 37 38
  const cases: Record<string, number[]> = {
    cms_8_minute: [0, 1, 1, 2, 2, 3], // 8+ remaining minutes earn a unit
    midpoint: [0, 1, 1, 2, 2, 3], //     a unit counts once its midpoint (7.5 min) is passed
    whole_units: [0, 0, 1, 1, 2, 2], //  only completed units
  };
  const minutes = [7, 8, 22, 23, 37, 38];
  for (const [rule, expected] of Object.entries(cases)) {
    minutes.forEach((m, i) => {
      it(`${rule}: ${m} minutes bill ${expected[i]} unit(s)`, () => {
        expect(timedUnits(rule as 'cms_8_minute' | 'midpoint' | 'whole_units', m)).toBe(expected[i]);
      });
    });
  }

  it('bills nothing for 0 minutes and exact multiples for whole units under every rule', () => {
    for (const rule of ['cms_8_minute', 'midpoint', 'whole_units'] as const) {
      expect(timedUnits(rule, 0)).toBe(0);
      expect(timedUnits(rule, 15)).toBe(1);
      expect(timedUnits(rule, 60)).toBe(4);
    }
  });

  it('applies the midpoint of another unit size (an hour unit is reached after 30 minutes, i.e. at 31)', () => {
    expect(timedUnits('midpoint', 30, 60)).toBe(0);
    expect(timedUnits('midpoint', 31, 60)).toBe(1);
  });

  it('refuses negative, fractional or non-numeric minutes and a bad unit size', () => {
    expect(() => timedUnits('cms_8_minute', -1)).toThrow(RangeError);
    expect(() => timedUnits('cms_8_minute', 7.5)).toThrow(RangeError);
    expect(() => timedUnits('midpoint', Number.NaN)).toThrow(RangeError);
    expect(() => timedUnits('midpoint', 10, 0)).toThrow(RangeError);
  });
});

describe('allocateTimedUnits across services of one day', () => {
  it('adds minutes across services under the CMS 8-minute rule (7 + 7 = 14 minutes: one unit)', () => {
    const r = allocateTimedUnits('cms_8_minute', [
      { key: 'H0038', minutes: 7 },
      { key: 'H2017', minutes: 7 },
    ]);
    expect(r.total).toBe(1);
    expect(r.lines.map((l) => l.units)).toEqual([1, 0]); // tie: the earlier line
  });

  it('counts each service on its own under the midpoint rule (7 + 7: nothing)', () => {
    expect(
      allocateTimedUnits('midpoint', [
        { key: 'H0038', minutes: 7 },
        { key: 'H2017', minutes: 7 },
      ]).total,
    ).toBe(0);
  });

  it('gives the CMS leftover unit to the largest remainder (33 + 7 = 40 minutes: 3 units, 2 + 1)', () => {
    const r = allocateTimedUnits('cms_8_minute', [
      { key: 'H2019', minutes: 33 },
      { key: 'H0004', minutes: 7 },
    ]);
    expect(r).toEqual({
      total: 3,
      lines: [
        { key: 'H2019', minutes: 33, units: 2 },
        { key: 'H0004', minutes: 7, units: 1 },
      ],
    });
    expect(
      allocateTimedUnits('midpoint', [
        { key: 'H2019', minutes: 33 },
        { key: 'H0004', minutes: 7 },
      ]).total,
    ).toBe(2);
    expect(
      allocateTimedUnits('whole_units', [
        { key: 'H2019', minutes: 33 },
        { key: 'H0004', minutes: 7 },
      ]).total,
    ).toBe(2);
  });

  it('never gives out more units than the total minutes earn', () => {
    const r = allocateTimedUnits('cms_8_minute', [
      { key: 'a', minutes: 10 },
      { key: 'b', minutes: 10 },
      { key: 'c', minutes: 10 },
    ]);
    expect(r.total).toBe(2); // 30 minutes
    expect(r.lines.map((l) => l.units)).toEqual([1, 1, 0]);
  });

  it('refuses a line with invalid minutes, naming it', () => {
    expect(() => allocateTimedUnits('cms_8_minute', [{ key: 'H0038', minutes: -5 }])).toThrow(/H0038/);
  });
});
