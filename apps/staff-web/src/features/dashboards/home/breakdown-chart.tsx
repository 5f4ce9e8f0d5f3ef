import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';

/**
 * A small bar chart where a person would rather look than read (a tile's breakdown, the group view's sites), with
 * the same figures in a visually hidden table for screen readers; the chart itself is hidden from them.
 */
export function BreakdownChart(props: { caption: string; rows: { label: string; value: number }[]; format(v: number): string }) {
  const { caption, rows, format } = props;
  if (rows.length < 2) return null;
  return (
    <figure className="tile-chart">
      <div aria-hidden="true">
        <BarChart
          accessibilityLayer={false}
          width={260}
          height={Math.max(90, rows.length * 26)}
          data={rows}
          layout="vertical"
          margin={{ left: 8, right: 8 }}
        >
          <CartesianGrid horizontal={false} stroke="#d0d7de" />
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 12, fill: '#333333' }} />
          <Bar dataKey="value" fill="#1f5fa8" isAnimationActive={false} label={{ position: 'right', fontSize: 12, fill: '#222222' }} />
        </BarChart>
      </div>
      <table className="visually-hidden">
        <caption>{caption}</caption>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{format(r.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
