import { useQuery } from '@tanstack/react-query';
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';

import { api, call, Schemas } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { Card } from '../../../shared/layout';
import { TableWrap } from '../../../shared/table-wrap';
import { dayWords, NOT_SHARED, portalKey, PortalSectionProps, useSeesUnshared } from './portal-data';

type MoodTrend = Schemas['MoodTrendResponseDto'];

/** A symptom key as staff read it: "LOW_MOOD" -> "Low mood". */
export const symptomWords = (s: string) => (s.charAt(0) + s.slice(1).toLowerCase()).replace(/_/g, ' ');

/** The trend in one or two sentences: the chart's text alternative for everyone, not only screen readers. */
export function moodSummary(t: MoodTrend, { sharedOnly = true } = {}): string {
  const span = `${dayWords(t.from)} to ${dayWords(t.to)}`;
  const shared = sharedOnly ? 'shared ' : '';
  if (t.entries === 0) return `No ${shared}mood check-ins from ${span}.`;
  const parts = [
    `${t.entries} ${shared}check-in${t.entries === 1 ? '' : 's'} from ${span}`,
    `average ${t.averageScore} out of 10`,
    `latest ${t.latestScore}`,
  ];
  let s = `${parts.join(', ')}.`;
  if (t.change !== null && t.change !== 0)
    s += ` The second half of the period averaged ${Math.abs(t.change)} point${Math.abs(t.change) === 1 ? '' : 's'} ${t.change < 0 ? 'lower (worse)' : 'higher (better)'} than the first.`;
  else if (t.change === 0) s += ' The two halves of the period averaged the same.';
  if (t.topSymptoms.length)
    s += ` Most noted: ${t.topSymptoms
      .slice(0, 3)
      .map((x) => `${symptomWords(x.symptom).toLowerCase()} (${x.count})`)
      .join(', ')}.`;
  return s;
}

/**
 * Mood: the 30-day trend of the check-ins the client shared (the API leaves the private ones out), as a line chart
 * (hidden from screen readers) with the summary above and every day's figure in the table below it, then the latest
 * shared check-ins with symptoms and notes.
 */
export function MoodSection({ patientId }: PortalSectionProps) {
  const { scope } = useAuth();
  const seesUnshared = useSeesUnshared();
  const trend = useQuery({
    queryKey: portalKey(scope, patientId, 'mood-trends'),
    queryFn: () => call(api.GET('/api/v1/patients/{id}/mood-trends', { params: { path: { id: patientId } } })),
  });
  const entries = useQuery({
    queryKey: portalKey(scope, patientId, 'mood-entries'),
    queryFn: () =>
      call(api.GET('/api/v1/patients/{id}/mood-entries', { params: { path: { id: patientId }, query: { page: 1, pageSize: 10 } } })),
  });
  const t = trend.data;
  const a = t?.attendance;
  return (
    <Card title="Mood">
      <p className="muted small">
        Scores from 1 (very low) to 10 (very good), as the client rated them.{' '}
        {seesUnshared ? 'Every check-in, shared or not.' : 'Only check-ins the client shared.'}
      </p>
      {trend.isPending && <p role="status">Loading the mood trend…</p>}
      {trend.error && <ErrorMessage error={trend.error} />}
      {t && (
        <>
          <p>{moodSummary(t, { sharedOnly: !seesUnshared })}</p>
          {a && (a.attendedSessions > 0 || a.missedSessions > 0) && (
            <p>
              Sessions in the period: {a.attendedSessions} attended, {a.missedSessions} missed. Average mood in the days after an attended
              session: {a.averageAfterAttended ?? 'no check-ins'}; after a missed one: {a.averageAfterMissed ?? 'no check-ins'}; on other
              days: {a.averageOtherDays ?? 'no check-ins'}.
            </p>
          )}
          {t.days.length >= 2 && (
            <div className="portal-mood-chart" aria-hidden="true">
              <LineChart
                accessibilityLayer={false}
                width={300}
                height={170}
                data={t.days.map((d) => ({ label: dayWords(d.date).replace(/, \d{4}$/, ''), score: d.averageScore }))}
                margin={{ top: 8, left: 0, right: 12, bottom: 0 }}
              >
                <CartesianGrid vertical={false} stroke="#d0d7de" />
                <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#333333' }} interval="preserveStartEnd" />
                <YAxis domain={[1, 10]} ticks={[1, 4, 7, 10]} width={28} tick={{ fontSize: 11, fill: '#333333' }} />
                <Line type="monotone" dataKey="score" stroke="#0b5394" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
              </LineChart>
            </div>
          )}
          {t.days.length > 0 && (
            <details className="portal-details">
              <summary>The daily figures as a table</summary>
              <TableWrap label="Daily mood table">
                <table>
                  <caption className="visually-hidden">Average shared mood per day</caption>
                  <thead>
                    <tr>
                      <th scope="col">Day</th>
                      <th scope="col">Average score</th>
                      <th scope="col">Check-ins</th>
                    </tr>
                  </thead>
                  <tbody>
                    {t.days.map((d) => (
                      <tr key={d.date}>
                        <td>{dayWords(d.date)}</td>
                        <td>{d.averageScore}</td>
                        <td>{d.entries}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </details>
          )}
        </>
      )}
      <h3>{seesUnshared ? 'Latest check-ins' : 'Latest shared check-ins'}</h3>
      {entries.isPending && <p role="status">Loading the check-ins…</p>}
      {entries.error && <ErrorMessage error={entries.error} />}
      {entries.data && entries.data.items.length === 0 && <p>{seesUnshared ? 'No check-ins yet.' : 'No shared check-ins yet.'}</p>}
      {entries.data && entries.data.items.length > 0 && (
        <TableWrap label="Shared mood check-ins table">
          <table>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Score</th>
                <th scope="col">What the client noticed</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {entries.data.items.map((m) => (
                <tr key={m.moodEntryId}>
                  <td>
                    {dayWords(m.entryDate)}
                    {!m.sharedWithClinician && <span className="muted small portal-private"> {NOT_SHARED}</span>}
                  </td>
                  <td>
                    {m.score} of 10
                    {m.score <= 3 && (
                      <>
                        {' '}
                        <span className="badge portal-low">⚠ Low</span>
                      </>
                    )}
                  </td>
                  <td>{m.symptoms.length ? m.symptoms.map(symptomWords).join(', ') : '—'}</td>
                  <td>{m.note ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {entries.data && entries.data.total > entries.data.items.length && (
        <p className="muted small">
          The latest {entries.data.items.length} of {entries.data.total} shared check-ins.
        </p>
      )}
    </Card>
  );
}
