/**
 * The arithmetic of `npm run soak` (tools/bench/soak.ts), kept apart so it is tested: percentiles of a window's
 * latencies, and whether a process's memory grew steadily over the run (a leak) or levelled off.
 */

/** The p-th percentile (nearest rank) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface MemorySample {
  /** Minutes since the soak began. */
  minute: number;
  /** Megabytes (proportional set size, so shared pages are not counted twice over a process group). */
  mb: number;
}

export interface GrowthVerdict {
  /** Least-squares slope over the samples after the warm-up, MB per minute. */
  mbPerMinute: number;
  /** Growth the slope adds over the measured span, MB. */
  grewMb: number;
  /** Median of the first and the last quarter of the measured span, MB. */
  firstQuarterMb: number;
  lastQuarterMb: number;
  /** 'steady growth' when the slope adds more than the allowance AND the last quarter sits above the first one. */
  verdict: 'steady growth' | 'flat' | 'too short';
}

/**
 * Whether memory grew steadily. The first `warmupShare` of the samples are skipped (JIT, pools and caches
 * filling); over the rest a least-squares line is fitted. A leak shows as a slope that adds more than
 * `allowanceMb` (default: the larger of 10 MB and 5 % of the starting size) over the span AND a last quarter
 * whose median is above the first quarter's by that much too (a sawtooth from garbage collection averages out; a
 * single late spike does not move a quarter's median). Fewer than 8 measured samples: 'too short'.
 */
export function memoryGrowth(samples: readonly MemorySample[], warmupShare = 0.2, allowanceMb?: number): GrowthVerdict {
  const measured = samples.slice(Math.floor(samples.length * warmupShare));
  if (measured.length < 8) {
    return { mbPerMinute: Number.NaN, grewMb: Number.NaN, firstQuarterMb: Number.NaN, lastQuarterMb: Number.NaN, verdict: 'too short' };
  }
  const n = measured.length;
  const mx = measured.reduce((s, x) => s + x.minute, 0) / n;
  const my = measured.reduce((s, x) => s + x.mb, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const { minute, mb } of measured) {
    sxy += (minute - mx) * (mb - my);
    sxx += (minute - mx) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const span = measured[n - 1]!.minute - measured[0]!.minute;
  const quarter = Math.max(1, Math.floor(n / 4));
  const median = (xs: readonly MemorySample[]) =>
    percentile(
      xs.map((x) => x.mb),
      50,
    );
  const firstQuarterMb = median(measured.slice(0, quarter));
  const lastQuarterMb = median(measured.slice(n - quarter));
  const allowance = allowanceMb ?? Math.max(10, 0.05 * firstQuarterMb);
  const grewMb = slope * span;
  const verdict = grewMb > allowance && lastQuarterMb - firstQuarterMb > allowance ? 'steady growth' : 'flat';
  return { mbPerMinute: slope, grewMb, firstQuarterMb, lastQuarterMb, verdict };
}

/** Parses `--minutes N` style arguments: positive numbers only, else a sentence naming the option. */
export function numberOption(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const raw = argv[at + 1];
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} needs a positive number (got ${raw === undefined ? 'nothing' : JSON.stringify(raw)})`);
  return value;
}
