import { memoryGrowth, MemorySample, numberOption, percentile } from './soak-stats';

const series = (minutes: number, mbAt: (minute: number) => number): MemorySample[] =>
  Array.from({ length: minutes * 2 + 1 }, (_, i) => ({ minute: i / 2, mb: mbAt(i / 2) }));

describe('soak arithmetic', () => {
  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('calls memory that climbs by 2 MB a minute steady growth', () => {
    const v = memoryGrowth(series(30, (m) => 200 + 2 * m + (m % 1 === 0 ? 3 : -3)));
    expect(v.verdict).toBe('steady growth');
    expect(v.mbPerMinute).toBeCloseTo(2, 1);
  });

  it('calls a garbage-collection sawtooth around a level flat, and ignores the warm-up climb', () => {
    const v = memoryGrowth(series(30, (m) => (m < 4 ? 120 + 20 * m : 200 + ((m * 2) % 6) * 4)));
    expect(v.verdict).toBe('flat');
    expect(Math.abs(v.mbPerMinute)).toBeLessThan(0.5);
  });

  it('does not call one late spike a leak', () => {
    const v = memoryGrowth(series(30, (m) => (m === 29.5 ? 400 : 200)));
    expect(v.verdict).toBe('flat');
  });

  it('says a run is too short to judge rather than guessing', () => {
    expect(memoryGrowth(series(2, (m) => 100 + 50 * m)).verdict).toBe('too short');
  });

  it('reads positive numeric options and refuses anything else in a sentence', () => {
    expect(numberOption(['--minutes', '5'], 'minutes', 10)).toBe(5);
    expect(numberOption([], 'minutes', 10)).toBe(10);
    for (const bad of [['--minutes'], ['--minutes', 'x'], ['--minutes', '0'], ['--minutes', '-3'], ['--minutes', '']])
      expect(() => numberOption(bad, 'minutes', 10)).toThrow(/--minutes needs a positive number/);
  });
});
