import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';

import type { Tile } from './tile-words';

type Point = Tile['series'][number];

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayOf = (iso: string) => day.format(new Date(`${iso}T00:00:00Z`));

/** A window of a trend in words: "3 Dec", "week of 30 Nov", or "2 Oct – 31 Oct". */
export function windowWords(p: Point): string {
  if (p.from === p.to) return dayOf(p.from);
  const days = Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;
  return days === 7 ? `week of ${dayOf(p.from)}` : `${dayOf(p.from)} – ${dayOf(p.to)}`;
}

/** What the trend covers, for its caption: "last 8 days", "last 8 weeks", "last 2 periods". */
export function trendSpanWords(series: Point[]): string {
  const first = series[0];
  if (!first) return '';
  const n = series.length;
  if (first.from === first.to) return `last ${n} days`;
  const days = Math.round((Date.parse(first.to) - Date.parse(first.from)) / 86_400_000) + 1;
  return days === 7 ? `last ${n} weeks` : `last ${n} periods of ${days} days`;
}

/**
 * A tile's trend (the same figure over the windows before the range, oldest first) as a small line chart, shown only
 * when at least two windows hold a value. The chart is hidden from screen readers; the same figures are in a table
 * (visually hidden), with windows without data said as "no data" rather than drawn as zero.
 */
export function TrendChart({ tile, format }: { tile: Tile; format(v: number): string }) {
  const series = tile.series ?? [];
  if (tile.unit === 'boolean' || series.filter((p) => p.value !== null).length < 2) return null;
  const data = series.map((p) => ({ label: windowWords(p), value: p.value }));
  const caption = `${tile.name}: trend, ${trendSpanWords(series)}`;
  return (
    <figure className="tile-chart tile-trend">
      <figcaption className="small muted">Trend, {trendSpanWords(series)}</figcaption>
      <div aria-hidden="true">
        <LineChart accessibilityLayer={false} width={260} height={90} data={data} margin={{ top: 6, left: 4, right: 8, bottom: 0 }}>
          <CartesianGrid vertical={false} stroke="#d0d7de" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#333333' }} interval="preserveStartEnd" />
          <YAxis hide domain={[0, 'auto']} />
          <Line
            type="monotone"
            dataKey="value"
            stroke="#1f5fa8"
            strokeWidth={2}
            dot={{ r: 2 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </div>
      <table className="visually-hidden">
        <caption>{caption}</caption>
        <tbody>
          {series.map((p) => (
            <tr key={p.from}>
              <th scope="row">{windowWords(p)}</th>
              <td>{p.value === null ? 'no data' : format(p.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
