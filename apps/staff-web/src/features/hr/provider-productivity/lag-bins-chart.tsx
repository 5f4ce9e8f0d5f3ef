import type { Schemas } from '../../../api/client';

type Bins = Schemas['DocumentationLagBinsDto'];

const BINS: { key: keyof Bins; label: string; className: string }[] = [
  { key: 'under24h', label: 'under 24 h', className: 'bin-fast' },
  { key: 'atLeast24h', label: '24 h or more', className: 'bin-slow' },
];

/**
 * Documentation lag as two small bars. Each bar carries its label and count as text, so the chart never
 * relies on colour; screen readers get one sentence (role="img" with a label) instead of the drawing.
 */
export function LagBinsChart({ bins }: { bins: Bins | null }) {
  if (!bins) return <span className="muted">Not shown (fewer than 5 notes in a bin)</span>;
  const max = Math.max(1, bins.under24h, bins.atLeast24h);
  const summary = BINS.map((b) => `${bins[b.key]} ${b.label}`).join(', ');
  return (
    <div role="img" aria-label={`Notes signed: ${summary}`} className="lag-chart">
      {BINS.map((b) => (
        <div key={b.key} className="lag-row" aria-hidden="true">
          <span className="lag-label">{b.label}</span>
          <span className="lag-track">
            <span className={`lag-bar ${b.className}`} style={{ width: `${(bins[b.key] / max) * 100}%` }} />
          </span>
          <span className="lag-count">{bins[b.key]}</span>
        </div>
      ))}
    </div>
  );
}
