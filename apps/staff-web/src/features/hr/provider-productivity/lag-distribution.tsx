import type { ProductivityRow } from '../../../api/client';
import { LagBinsChart } from './lag-bins-chart';

export interface LagSummary {
  /** Providers shown whose lag bins the API published. */
  withBins: number;
  /** Providers shown whose lag bins are withheld. */
  withheld: number;
  /** The published bins added up (null when no provider's are published). */
  bins: { under24h: number; atLeast24h: number } | null;
}

/**
 * The documentation lag across the providers shown, added up from the bins the API published and nothing else: a
 * sum of published cells discloses nothing they do not (ADR 0012). An organization-wide figure that also counted the
 * withheld providers would not be safe to show: minus the published rows it gives the withheld ones' bins.
 */
export function lagSummary(rows: readonly ProductivityRow[]): LagSummary {
  let under24h = 0;
  let atLeast24h = 0;
  let withBins = 0;
  for (const r of rows) {
    if (!r.documentationLagBins) continue;
    withBins++;
    under24h += r.documentationLagBins.under24h;
    atLeast24h += r.documentationLagBins.atLeast24h;
  }
  return { withBins, withheld: rows.length - withBins, bins: withBins > 0 ? { under24h, atLeast24h } : null };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The lag distribution of the period in words and as two bars: still useful when most providers' bins are withheld
 * (it says how many notes of the providers whose bins are published were signed within a day, and how many
 * providers are left out and why), and it points to the longer period when none can be shown.
 */
export function LagDistribution({
  rows,
  suppressedCount,
  periodLabel,
}: {
  rows: readonly ProductivityRow[];
  suppressedCount: number;
  periodLabel: string;
}) {
  const s = lagSummary(rows);
  const total = s.bins ? s.bins.under24h + s.bins.atLeast24h : 0;
  const left: string[] = [];
  if (s.withheld > 0) left.push(`${plural(s.withheld, 'provider')} shown whose bins are withheld (a bin with 1 to 4 notes)`);
  if (suppressedCount > 0) left.push(`${plural(suppressedCount, 'provider')} not shown at all (fewer than 5 patients)`);
  return (
    <section aria-labelledby="lag-distribution-title" className="card lag-distribution">
      <h2 id="lag-distribution-title">Documentation lag, {periodLabel}</h2>
      {s.bins ? (
        <>
          <p>
            Across the {plural(s.withBins, 'provider')} whose lag can be shown, {Math.round((s.bins.under24h / Math.max(1, total)) * 100)} %
            of {plural(total, 'note')} were signed within 24 hours of the session.
          </p>
          <LagBinsChart bins={s.bins} />
        </>
      ) : rows.length > 0 ? (
        <p>
          No provider&rsquo;s lag distribution can be shown for {periodLabel}. The average lag per provider is in the table where it can be
          shown; a longer period (the year) usually has enough notes in each bin.
        </p>
      ) : null}
      {left.length > 0 && <p className="muted small">Not included: {left.join('; ')}. This protects patients&rsquo; privacy.</p>}
    </section>
  );
}
