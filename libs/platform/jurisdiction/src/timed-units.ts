import type { TimedUnitRule } from './jurisdiction-profile';

function assertMinutes(minutes: number, what = 'minutes'): void {
  if (!Number.isInteger(minutes) || minutes < 0)
    throw new RangeError(`${what} must be a whole number of minutes, 0 or more (got ${minutes})`);
}

/** Units of ONE timed service of `minutes` under a rule (unit of `unitMinutes`, 15 by default). */
export function timedUnits(rule: TimedUnitRule, minutes: number, unitMinutes = 15): number {
  assertMinutes(minutes);
  if (!Number.isInteger(unitMinutes) || unitMinutes <= 0)
    throw new RangeError(`unitMinutes must be a positive whole number (got ${unitMinutes})`);
  const full = Math.floor(minutes / unitMinutes);
  const remainder = minutes - full * unitMinutes;
  switch (rule) {
    case 'whole_units':
      return full;
    case 'cms_8_minute':
    case 'midpoint':
      // For one service both rules bill a further unit once more than half of it is done (8 of 15 minutes);
      // they differ when several timed services share a day (see allocateTimedUnits).
      return full + (remainder * 2 > unitMinutes ? 1 : 0);
  }
}

export interface TimedServiceLine {
  /** The caller's key for the line (a code, an encounter id). */
  key: string;
  minutes: number;
}

export interface TimedUnitAllocation {
  total: number;
  /** Units per line, in the order given. */
  lines: { key: string; minutes: number; units: number }[];
}

/**
 * Units for several timed services of one patient on one day. Under `cms_8_minute` the minutes are added up
 * first and the total units are given out (full units to each service, then the rest to the largest
 * remainders, ties to the earlier line); the other rules count each service on its own.
 */
export function allocateTimedUnits(rule: TimedUnitRule, lines: readonly TimedServiceLine[], unitMinutes = 15): TimedUnitAllocation {
  lines.forEach((l) => assertMinutes(l.minutes, `minutes of ${l.key}`));
  if (rule !== 'cms_8_minute') {
    const out = lines.map((l) => ({ key: l.key, minutes: l.minutes, units: timedUnits(rule, l.minutes, unitMinutes) }));
    return { total: out.reduce((n, l) => n + l.units, 0), lines: out };
  }
  const total = timedUnits(
    rule,
    lines.reduce((n, l) => n + l.minutes, 0),
    unitMinutes,
  );
  const out = lines.map((l) => ({ key: l.key, minutes: l.minutes, units: Math.floor(l.minutes / unitMinutes) }));
  let left = total - out.reduce((n, l) => n + l.units, 0);
  const byRemainder = out
    .map((l, i) => ({ i, remainder: l.minutes % unitMinutes }))
    .filter((r) => r.remainder > 0)
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const r of byRemainder) {
    if (left <= 0) break;
    out[r.i]!.units += 1;
    left -= 1;
  }
  return { total, lines: out };
}
