import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';

import type { ProductivityRow } from '../../../api/client';

/**
 * Notes signed and average documentation lag per provider, as two bar charts side by side. The drawing is hidden
 * from screen readers: its figures are the table's below (the caption says so), where a withheld average is a dash.
 */
export function ProductivityChart({
  rows,
  name,
  periodLabel,
}: {
  rows: readonly ProductivityRow[];
  name(id: string): string;
  periodLabel: string;
}) {
  if (rows.length === 0) return null;
  const data = rows.map((r) => ({ provider: name(r.providerId), notes: r.notesCompletedCount, lag: r.avgDocumentationLagHours }));
  const height = Math.max(120, rows.length * 28 + 30);
  const lagShown = data.filter((d) => d.lag !== null).length;
  return (
    <figure className="card productivity-chart" aria-labelledby="productivity-chart-caption">
      <figcaption id="productivity-chart-caption">
        <strong>Notes signed and average documentation lag per provider, {periodLabel}.</strong>{' '}
        <span className="muted small">
          The same figures are in the table below
          {lagShown < data.length
            ? `; ${data.length - lagShown} average${data.length - lagShown === 1 ? ' is' : 's are'} withheld and not drawn`
            : ''}
          .
        </span>
      </figcaption>
      <div className="productivity-chart-panels" aria-hidden="true">
        {(
          [
            ['notes', 'Notes signed', '#1f5fa8'],
            ['lag', 'Average lag (hours)', '#8a4b08'],
          ] as const
        ).map(([key, title, colour]) => (
          <div key={key} className="productivity-chart-panel">
            <p className="small">{title}</p>
            <BarChart accessibilityLayer={false} width={300} height={height} data={data} layout="vertical" margin={{ left: 4, right: 28 }}>
              <CartesianGrid horizontal={false} stroke="#d0d7de" />
              <XAxis type="number" hide />
              <YAxis type="category" dataKey="provider" width={120} tick={{ fontSize: 12, fill: '#333333' }} />
              <Bar dataKey={key} fill={colour} isAnimationActive={false} label={{ position: 'right', fontSize: 12, fill: '#222222' }} />
            </BarChart>
          </div>
        ))}
      </div>
    </figure>
  );
}
