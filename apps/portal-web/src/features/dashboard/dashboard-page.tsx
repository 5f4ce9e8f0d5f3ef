import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link } from 'react-router';

import { api, call, Homework, Prompt, SessionReview } from '../../api/client';
import { ErrorMessage } from '../../shared/error-message';
import { dateTimeWords, dayWords } from '../../shared/format';
import { moodStreak } from '../mood/streak';
import { scoreWords } from '../mood/symptoms';

/** The dashboard's sections as the API sends them (`sections` is an open object: each feature registers its own). */
export interface DashboardSections {
  mood?: { loggedToday: boolean; latestScore: number | null; days: { date: string; entries: number; averageScore: number }[] };
  homework?: { assigned: number; overdue: number; due: Homework[] };
  goals?: { active: { goalId: string; title: string; progress: number }[]; achieved: number };
  prompts?: { open: number };
  sessionReviews?: { pending: SessionReview[] };
}

/** Today's prompt: the first open prompt, answered in place (one answer a day; the API refuses a second). */
function TodaysPrompt({ prompt, today }: { prompt: Prompt; today: string }) {
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const answered = prompt.responses.find((r) => r.responseDate === today);
  const answer = useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/portal/prompts/{id}/responses', { params: { path: { id: prompt.promptId } }, body: { body } })),
    onSuccess: () => {
      setBody('');
      void qc.invalidateQueries({ queryKey: ['prompts'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) answer.mutate();
  };
  return (
    <section className="card" aria-labelledby="prompt-heading">
      <h2 id="prompt-heading">{prompt.kind === 'check_in' ? 'Check-in from your therapist' : "Today's prompt"}</h2>
      <p className="prompt-question">{prompt.question}</p>
      {answered ? (
        <p>
          <span aria-hidden="true">✓ </span>You answered today: “{answered.body}”
        </p>
      ) : (
        <form className="stack" onSubmit={submit}>
          <label htmlFor="prompt-answer">Your answer</label>
          <textarea id="prompt-answer" rows={3} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} />
          <p className="muted">Your therapist asked this question and will see your answer.</p>
          <button type="submit" disabled={answer.isPending || !body.trim()}>
            Send answer
          </button>
          {answer.isError && <ErrorMessage error={answer.error} />}
        </form>
      )}
    </section>
  );
}

export function DashboardPage() {
  const dash = useQuery({ queryKey: ['dashboard'], queryFn: () => call(api.GET('/api/v1/portal/dashboard')) });
  const prompts = useQuery({ queryKey: ['prompts'], queryFn: () => call(api.GET('/api/v1/portal/prompts')) });
  if (dash.isPending) return <p>Loading…</p>;
  if (dash.isError) return <ErrorMessage error={dash.error} />;
  const d = dash.data;
  const s = d.sections as DashboardSections;
  const streak = s.mood ? moodStreak(s.mood.days, d.today) : 0;
  const next = d.upcomingAppointments[0];
  const openPrompt = prompts.data?.find((p) => p.open);
  const due = s.homework?.due ?? [];
  const reviews = s.sessionReviews?.pending ?? [];
  return (
    <>
      <h1>Hello</h1>
      <p className="muted">{dayWords(d.today, { weekday: true, year: true })}</p>
      <div className="dashboard-grid">
        <section className="card" aria-labelledby="mood-heading">
          <h2 id="mood-heading">Your mood</h2>
          {s.mood?.loggedToday ? (
            <p>
              <span aria-hidden="true">✓ </span>You checked in today
              {s.mood.latestScore !== null && `: ${s.mood.latestScore} out of 10 (${scoreWords(s.mood.latestScore)})`}.
            </p>
          ) : (
            <p>You have not checked in today.</p>
          )}
          <p className="streak">
            {streak === 0
              ? 'Start a streak by checking in today.'
              : `${streak} day${streak === 1 ? '' : 's'} in a row with a check-in${s.mood?.loggedToday ? '' : ' (check in today to keep it going)'}.`}
          </p>
          <Link className="button-link" to="/mood">
            {s.mood?.loggedToday ? 'Check in again' : 'Check in now'}
          </Link>
        </section>
        {reviews.length > 0 && (
          <section className="card" aria-labelledby="review-heading">
            <h2 id="review-heading">How was your session?</h2>
            <p>
              Your clinic would like to know how {reviews.length === 1 ? 'your last session' : 'your recent sessions'} went. You choose who
              sees your answer.
            </p>
            <ul>
              {reviews.map((r) => (
                <li key={r.reviewId}>
                  <Link to={`/session-reviews/${r.reviewId}`}>Review your session of {dateTimeWords(r.appointmentStartAt)}</Link>
                </li>
              ))}
            </ul>
          </section>
        )}
        {openPrompt && <TodaysPrompt prompt={openPrompt} today={d.today} />}
        {prompts.isError && <ErrorMessage error={prompts.error} />}
        <section className="card" aria-labelledby="hw-heading">
          <h2 id="hw-heading">Homework due</h2>
          {due.length === 0 ? (
            <p>Nothing due. Well done.</p>
          ) : (
            <ul>
              {due.map((h) => (
                <li key={h.homeworkId}>
                  {h.title}: {h.overdue ? <strong>⚠ was due {dayWords(h.dueOn)}</strong> : `due ${dayWords(h.dueOn, { weekday: true })}`}
                </li>
              ))}
            </ul>
          )}
          <Link to="/homework">All homework</Link>
        </section>
        <section className="card" aria-labelledby="appt-heading">
          <h2 id="appt-heading">Next appointment</h2>
          {next ? (
            <p>
              {dateTimeWords(next.startAt)}
              {next.providerName && ` with ${next.providerName}`} at {next.siteName}.
            </p>
          ) : (
            <p>No upcoming appointments. Contact your clinic to book one.</p>
          )}
          {next && <Link to="/appointments">Prepare for your session</Link>}
        </section>
        {s.goals && (
          <section className="card" aria-labelledby="goals-heading">
            <h2 id="goals-heading">Goals</h2>
            {s.goals.active.length === 0 ? (
              <p>No active goals.</p>
            ) : (
              <ul>
                {s.goals.active.map((g) => (
                  <li key={g.goalId}>
                    {g.title}: {g.progress}%
                  </li>
                ))}
              </ul>
            )}
            <Link to="/goals">Your goals</Link>
          </section>
        )}
      </div>
    </>
  );
}
