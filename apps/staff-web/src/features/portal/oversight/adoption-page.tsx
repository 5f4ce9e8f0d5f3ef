import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';

import { api, call, Schemas } from '../../../api/client';
import { fieldErrorOf } from '../../../api/problem';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { FieldError } from '../../../shared/field';
import { Card, PageHeader } from '../../../shared/layout';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { TableWrap } from '../../../shared/table-wrap';

export type Adoption = Schemas['PortalAdoptionResponseDto'];

export const FEATURE_WORDS: Record<string, string> = {
  mood: 'Mood check-ins',
  journal: 'Journal',
  'check-ins': 'Therapist check-ins answered',
  homework: 'Homework',
  goals: 'Goals',
  'crisis-toolkit': 'Crisis toolkit',
  audio: 'Audio messages',
};

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const short = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayWords = (day: string) => short.format(new Date(`${day}T00:00:00Z`));

/** The adoption rate in words: "42% of active patients (21 of 50) have an active portal account." */
export function adoptionWords(a: Adoption['adoption']): string {
  if (a.rate === null) return 'No active patients yet, so there is no adoption rate.';
  return `${Math.round(a.rate * 100)}% of active patients (${a.accounts} of ${a.activePatients}) have an active portal account.`;
}

/** One sentence for the daily chart: the average, the busiest day and the last day. */
export function dailySummary(days: Adoption['dailyActiveClients']): string {
  if (days.length === 0) return 'No days in the period.';
  const total = days.reduce((s, d) => s + d.clients, 0);
  const busiest = days.reduce((b, d) => (d.clients > b.clients ? d : b), days[0]!);
  const last = days[days.length - 1]!;
  if (total === 0) return 'No client used the portal in this period.';
  const average = `On average ${(total / days.length).toFixed(1)} clients a day used the portal`;
  if (busiest.day === last.day) return `${average}; the busiest day was the last, ${dayWords(last.day)}, with ${last.clients}.`;
  return `${average}; the busiest day was ${dayWords(busiest.day)} with ${busiest.clients}; on the last day, ${dayWords(last.day)}, ${last.clients}.`;
}

/**
 * Portal adoption and engagement (portal admins): organization-wide figures, no client named. Period in the
 * address (`from`, `to`; the last 30 days by default). Each chart is hidden from screen readers and has its figures
 * in a table; the daily chart's caption says the figures in a sentence.
 */
export function AdoptionPage() {
  const { scope } = useAuth();
  const [params, setParams] = useSearchParams();
  const today = new Date();
  const to = params.get('to') ?? iso(today);
  const from = params.get('from') ?? iso(new Date(today.getTime() - 29 * DAY));
  const [draft, setDraft] = useState({ from, to });
  const result = useQuery({
    queryKey: ['portal-adoption', scope, from, to],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/admin/portal/adoption', { params: { query: { from, to } } })),
  });
  if (isRefusal(result.error)) return <RefusedPage title="Portal adoption" error={result.error} />;
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams({ from: draft.from, to: draft.to });
  };
  const fromError = fieldErrorOf(result.error, 'from');
  const toError = fieldErrorOf(result.error, 'to');
  const a = result.data;
  const features = a ? [...a.engagementByFeature].sort((x, y) => y.actions - x.actions) : [];
  return (
    <>
      <PageHeader
        title="Portal adoption"
        description="How many clients use the client portal and what they use it for. Organization-wide counts; no client is named."
      />
      <form className="inline-form" aria-label="Period" onSubmit={apply}>
        <span className="field">
          <label htmlFor="adoption-from">From</label>
          <input
            id="adoption-from"
            type="date"
            value={draft.from}
            aria-invalid={Boolean(fromError) || undefined}
            aria-describedby={fromError ? 'adoption-from-error' : undefined}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
          <FieldError id="adoption-from-error" message={fromError} />
        </span>
        <span className="field">
          <label htmlFor="adoption-to">To</label>
          <input
            id="adoption-to"
            type="date"
            value={draft.to}
            aria-invalid={Boolean(toError) || undefined}
            aria-describedby={toError ? 'adoption-to-error' : undefined}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
          <FieldError id="adoption-to-error" message={toError} />
        </span>
        <button type="submit">Show</button>
      </form>
      {result.error && !fromError && !toError && <ErrorMessage error={result.error} />}
      {result.isPending && <p role="status">Loading portal adoption…</p>}
      {a && (
        <>
          <div className="portal-figures">
            <Card title="Adoption" level={2}>
              <p className="figure">{a.adoption.rate === null ? '–' : `${Math.round(a.adoption.rate * 100)}%`}</p>
              <p>{adoptionWords(a.adoption)}</p>
            </Card>
            <Card title="Weekly active clients" level={2}>
              <p className="figure">{a.weeklyActiveClients}</p>
              <p>Clients who used the portal in the 7 days ending {dayWords(a.to)}.</p>
            </Card>
            <Card title="Client actions" level={2}>
              <p className="figure">{a.totalActions}</p>
              <p>
                Actions from {dayWords(a.from)} to {dayWords(a.to)}: check-ins, entries, homework handed in and the like.
              </p>
            </Card>
          </div>
          <Card title="Daily active clients" level={2}>
            <figure className="portal-chart">
              <figcaption>{dailySummary(a.dailyActiveClients)} The figures for each day are in the table below the chart.</figcaption>
              <div aria-hidden="true" className="portal-chart-drawing">
                <LineChart
                  accessibilityLayer={false}
                  width={320}
                  height={180}
                  data={a.dailyActiveClients}
                  margin={{ top: 8, left: 0, right: 12, bottom: 0 }}
                >
                  <CartesianGrid vertical={false} stroke="#d0d7de" />
                  <XAxis dataKey="day" tickFormatter={dayWords} tick={{ fontSize: 11, fill: '#333333' }} interval="preserveStartEnd" />
                  <YAxis allowDecimals={false} width={28} tick={{ fontSize: 11, fill: '#333333' }} />
                  <Line type="linear" dataKey="clients" stroke="#1f5fa8" strokeWidth={2} dot={false} isAnimationActive={false} />
                </LineChart>
              </div>
            </figure>
            <details>
              <summary>Clients per day (table)</summary>
              <TableWrap label="Clients per day">
                <table>
                  <caption className="visually-hidden">Daily active clients</caption>
                  <thead>
                    <tr>
                      <th scope="col">Day</th>
                      <th scope="col">Clients</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.dailyActiveClients.map((d) => (
                      <tr key={d.day}>
                        <th scope="row">{dayWords(d.day)}</th>
                        <td>{d.clients}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </details>
          </Card>
          <Card title="What clients use" level={2}>
            <figure className="portal-chart">
              <figcaption>Client actions by portal feature, most used first. The same figures are in the table below.</figcaption>
              <div aria-hidden="true" className="portal-chart-drawing">
                <BarChart
                  accessibilityLayer={false}
                  width={320}
                  height={Math.max(120, features.length * 28 + 20)}
                  data={features.map((f) => ({ feature: FEATURE_WORDS[f.feature] ?? f.feature, actions: f.actions }))}
                  layout="vertical"
                  margin={{ left: 4, right: 32 }}
                >
                  <CartesianGrid horizontal={false} stroke="#d0d7de" />
                  <XAxis type="number" hide allowDecimals={false} />
                  <YAxis type="category" dataKey="feature" width={130} tick={{ fontSize: 11, fill: '#333333' }} />
                  <Bar
                    dataKey="actions"
                    fill="#1f5fa8"
                    isAnimationActive={false}
                    label={{ position: 'right', fontSize: 11, fill: '#222222' }}
                  />
                </BarChart>
              </div>
            </figure>
            <TableWrap label="Client actions by feature">
              <table>
                <caption className="visually-hidden">Client actions by feature</caption>
                <thead>
                  <tr>
                    <th scope="col">Feature</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {features.map((f) => (
                    <tr key={f.feature}>
                      <th scope="row">{FEATURE_WORDS[f.feature] ?? f.feature}</th>
                      <td>{f.actions}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </Card>
        </>
      )}
    </>
  );
}
