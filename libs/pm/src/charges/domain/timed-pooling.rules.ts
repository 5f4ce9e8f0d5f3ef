import { allocateTimedUnits, timedUnits } from '@cairn/platform/jurisdiction';

/**
 * The CMS 8-minute rule pooled per patient and day (ADR 0008 §3, ADR 0011): the timed minutes of one patient's
 * services of one day are added up, the total units are counted once, and they are given out across the services
 * (`allocateTimedUnits`: full units to each, then the rest to the largest remainders, ties to the earlier line).
 *
 * A billed line is final: it keeps its units (`fixedUnits`), they count against the day's total, and only the
 * other lines share what is left (never less than their own full units). Without billed lines this is exactly
 * `allocateTimedUnits('cms_8_minute', ...)`.
 */
export interface PoolLine {
  key: string;
  minutes: number;
  /** The units of a billed charge, which cannot change; null for a line that may be (re)priced. */
  fixedUnits: number | null;
}

export function poolTimedUnits(lines: readonly PoolLine[], unitMinutes = 15): Map<string, number> {
  if (lines.every((l) => l.fixedUnits === null)) {
    const allocation = allocateTimedUnits('cms_8_minute', lines, unitMinutes);
    return new Map(allocation.lines.map((l) => [l.key, l.units]));
  }
  const total = timedUnits(
    'cms_8_minute',
    lines.reduce((n, l) => n + l.minutes, 0),
    unitMinutes,
  );
  const units = lines.map((l) => l.fixedUnits ?? Math.floor(l.minutes / unitMinutes));
  let left = total - units.reduce((n, u) => n + u, 0);
  const byRemainder = lines
    .map((l, i) => ({ i, remainder: l.fixedUnits === null ? l.minutes % unitMinutes : 0 }))
    .filter((r) => r.remainder > 0)
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const r of byRemainder) {
    if (left <= 0) break;
    units[r.i]! += 1;
    left -= 1;
  }
  return new Map(lines.map((l, i) => [l.key, units[i]!]));
}
