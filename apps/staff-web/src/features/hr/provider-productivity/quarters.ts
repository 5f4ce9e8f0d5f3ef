export interface Period {
  label: string;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Calendar quarters from `fromYear` Q1 to the quarter holding `today`, newest first. */
export function quarters(today: Date, fromYear: number): Period[] {
  const out: Period[] = [];
  const lastQ = Math.floor(today.getUTCMonth() / 3) + 1;
  for (let y = today.getUTCFullYear(); y >= fromYear; y--) {
    for (let q = y === today.getUTCFullYear() ? lastQ : 4; q >= 1; q--) {
      const m1 = (q - 1) * 3 + 1;
      const m3 = m1 + 2;
      out.push({ label: `${y} Q${q}`, start: `${y}-${pad(m1)}-01`, end: `${y}-${pad(m3)}-${pad(lastDay(y, m3))}` });
    }
  }
  return out;
}

/** A period's key in the address: `2025-Q4`. */
export const periodKey = (p: Period): string => p.label.replace(' ', '-');

/**
 * The newest period (of `periods`, newest first) with figures to show: asks one period at a time and stops at the
 * first with rows. A newer period whose activity is all withheld (fewer than 5 patients, e.g. the first days of a
 * quarter) is passed over, but kept as the answer when no period has rows; null when none has any activity. A refusal
 * is thrown.
 */
export async function latestPeriodWithData<R extends { items: unknown[]; suppressedProviderCount: number }>(
  periods: readonly Period[],
  report: (p: Period) => Promise<R>,
): Promise<{ period: Period; report: R } | null> {
  let withheldOnly: { period: Period; report: R } | null = null;
  for (const period of periods) {
    const r = await report(period);
    if (r.items.length > 0) return { period, report: r };
    if (r.suppressedProviderCount > 0 && !withheldOnly) withheldOnly = { period, report: r };
  }
  return withheldOnly;
}
