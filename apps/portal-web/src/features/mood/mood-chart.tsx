import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { MoodTrend } from '../../api/client';
import { dayWords, shortDay } from '../../shared/format';
import { scoreWords } from './symptoms';

/** A sentence about the 30 days: the chart's text alternative leads with it. */
export function trendSentence(t: MoodTrend): string {
  if (t.entries === 0) return 'No check-ins in the last 30 days yet.';
  const avg = t.averageScore === null ? '' : ` Your average was ${t.averageScore.toFixed(1)} out of 10 (${scoreWords(t.averageScore)}).`;
  const change =
    t.change === null || Math.abs(t.change) < 0.5
      ? ' Your mood has been about the same across the month.'
      : t.change > 0
        ? ` Your mood has been rising: ${t.change.toFixed(1)} points higher in the second half of the month.`
        : ` Your mood has dipped: ${Math.abs(t.change).toFixed(1)} points lower in the second half of the month.`;
  return `${t.entries} check-in${t.entries === 1 ? '' : 's'} from ${dayWords(t.from)} to ${dayWords(t.to)}.${avg}${change}`;
}

/** The 30-day mood chart (Recharts) with its text alternative: a summary sentence and the same figures as a table. */
export function MoodChart({ trend }: { trend: MoodTrend }) {
  const data = trend.days.map((d) => ({ day: shortDay(d.date), score: Math.round(d.averageScore * 10) / 10 }));
  return (
    <figure className="mood-chart" aria-labelledby="mood-chart-caption">
      <figcaption id="mood-chart-caption">{trendSentence(trend)}</figcaption>
      {data.length > 0 && (
        <div aria-hidden="true" className="chart-box">
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
              <CartesianGrid stroke="#d0d0d0" strokeDasharray="3 3" />
              <XAxis dataKey="day" tick={{ fontSize: 12, fill: '#1a1a1a' }} minTickGap={16} />
              <YAxis domain={[1, 10]} ticks={[1, 4, 7, 10]} tick={{ fontSize: 12, fill: '#1a1a1a' }} />
              <Tooltip />
              <Line type="monotone" dataKey="score" stroke="#0b5394" strokeWidth={3} dot={{ r: 3 }} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      {trend.days.length > 0 && (
        <details>
          <summary>Show the days as a table</summary>
          <table>
            <caption className="visually-hidden">Your mood by day, last 30 days</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Mood (1 to 10)</th>
                <th scope="col">Check-ins</th>
              </tr>
            </thead>
            <tbody>
              {trend.days.map((d) => (
                <tr key={d.date}>
                  <th scope="row">{dayWords(d.date)}</th>
                  <td>
                    {d.averageScore.toFixed(1)} ({scoreWords(d.averageScore)})
                  </td>
                  <td>{d.entries}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
