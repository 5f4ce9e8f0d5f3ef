import type { Calculation } from '../../definitions/domain/metric-definition.rules';
import { addDays, daysBetween } from './filters.rules';

/** One stored cell, already narrowed to the caller's scope and filters. */
export interface StoredCell {
  signal: string;
  day: string;
  siteId: string | null;
  value: number;
  breakdown: Record<string, number> | null;
  computedAt: Date;
}

export interface ComputedValue {
  value: number | null;
  breakdown: Record<string, number> | null;
  /** The newest computed_at among the cells that made the value (null: no cell). */
  computedAt: Date | null;
  /** For snapshot (latest) metrics, the as-of day used. */
  asOf: string | null;
}

function mergeBreakdown(into: Record<string, number>, b: Record<string, number> | null): void {
  if (!b) return;
  for (const [k, v] of Object.entries(b)) if (typeof v === 'number') into[k] = (into[k] ?? 0) + v;
}

function sumOf(
  cells: StoredCell[],
  signal: string,
  from: string,
  to: string,
): { total: number; n: number; breakdown: Record<string, number>; computedAt: Date | null } {
  let total = 0;
  let n = 0;
  let computedAt: Date | null = null;
  const breakdown: Record<string, number> = {};
  for (const c of cells) {
    if (c.signal !== signal || c.day < from || c.day > to) continue;
    total += c.value;
    n++;
    mergeBreakdown(breakdown, c.breakdown);
    if (!computedAt || c.computedAt > computedAt) computedAt = c.computedAt;
  }
  return { total, n, breakdown, computedAt };
}

/**
 * The value of a calculation over [from, to] from stored cells: `sum` adds the daily buckets, `latest` takes the
 * newest as-of day not after `to` (a snapshot), `ratio` divides two sums (null when the denominator is 0).
 */
export function computeValue(calc: Calculation, cells: StoredCell[], from: string, to: string): ComputedValue {
  if (calc.op === 'latest') {
    let asOf: string | null = null;
    for (const c of cells) if (c.signal === calc.signal && c.day <= to && c.day >= from && (!asOf || c.day > asOf)) asOf = c.day;
    if (!asOf) return { value: null, breakdown: null, computedAt: null, asOf: null };
    const s = sumOf(cells, calc.signal, asOf, asOf);
    return { value: s.total, breakdown: Object.keys(s.breakdown).length ? s.breakdown : null, computedAt: s.computedAt, asOf };
  }
  const num = sumOf(cells, calc.signal, from, to);
  if (calc.op === 'sum') {
    if (num.n === 0) return { value: null, breakdown: null, computedAt: null, asOf: null };
    return {
      value: num.total,
      breakdown: Object.keys(num.breakdown).length ? num.breakdown : null,
      computedAt: num.computedAt,
      asOf: null,
    };
  }
  const den = sumOf(cells, calc.denominator, from, to);
  const computedAt =
    [num.computedAt, den.computedAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  if (den.n === 0 || den.total === 0) return { value: null, breakdown: null, computedAt, asOf: null };
  return { value: num.total / den.total, breakdown: null, computedAt, asOf: null };
}

/** The trailing 8 weeks before a range. */
export const TRAILING_DAYS = 56;

/**
 * The values of the same calculation over the windows of the range's length that precede it within the trailing
 * 8 weeks (8 days for "today" style one-day ranges gives 56 windows; a week gives 8). Windows without data are left out.
 */
export function trailingValues(calc: Calculation, cells: StoredCell[], from: string, to: string): number[] {
  const length = daysBetween(from, to);
  const windows = Math.floor(TRAILING_DAYS / length);
  const out: number[] = [];
  for (let i = 1; i <= windows; i++) {
    const wFrom = addDays(from, -i * length);
    const v = computeValue(calc, cells, wFrom, addDays(wFrom, length - 1)).value;
    if (v !== null) out.push(v);
  }
  return out;
}

/** How many windows a tile's trend holds at most: the range itself and up to 7 before it (within the trailing 8 weeks). */
export const SERIES_WINDOWS = 8;

/** One point of a tile's trend: the calculation over one window of the range's length. */
export interface SeriesPoint {
  from: string;
  to: string;
  /** Null when no stored cell falls in the window (a gap, never a zero). */
  value: number | null;
}

/**
 * A tile's trend, oldest first and ending with the range itself: the same calculation over consecutive windows of
 * the range's length (days for "today", weeks for "this week"), as many as fit in the trailing 8 weeks, at most
 * SERIES_WINDOWS. Made from the cells the tile already read (the caller's scope and filters), so a trend shows
 * nothing the tile would not.
 */
export function seriesValues(calc: Calculation, cells: StoredCell[], from: string, to: string): SeriesPoint[] {
  const length = daysBetween(from, to);
  const before = Math.min(SERIES_WINDOWS - 1, Math.floor(TRAILING_DAYS / length));
  const out: SeriesPoint[] = [];
  for (let i = before; i >= 0; i--) {
    const wFrom = addDays(from, -i * length);
    const wTo = addDays(wFrom, length - 1);
    out.push({ from: wFrom, to: wTo, value: computeValue(calc, cells, wFrom, wTo).value });
  }
  return out;
}
