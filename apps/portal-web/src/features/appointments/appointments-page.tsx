import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';

import { api, Appointment, call, SessionPrep } from '../../api/client';
import { fieldErrorOf } from '../../api/problem';
import { ErrorMessage } from '../../shared/error-message';
import { dateTimeWords } from '../../shared/format';
import { PREP_WHO, URGENT_EMERGENCY, URGENT_WHO } from '../../shared/privacy';

/** The API's limits (libs/portal prep rules): at most 10 topics of 300 characters, 2,000 for the other fields. */
export const MAX_TOPICS = 10;
export const TOPIC_MAX = 300;
export const TEXT_MAX = 2000;

/** One topic a line: blank lines dropped, each trimmed. */
export function topicsOf(text: string): string[] {
  return text
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** What the form refuses before sending, as a sentence; null when it may be sent. */
export function prepProblem(topics: string[], feelings: string, urgent: boolean, concern: string): string | null {
  if (topics.length === 0 && !feelings.trim() && !(urgent && concern.trim()))
    return 'Write at least one thing you want to talk about before you send your prep.';
  if (topics.length > MAX_TOPICS) return `You can list up to ${MAX_TOPICS} topics. Put the rest together on one line.`;
  const long = topics.findIndex((t) => t.length > TOPIC_MAX);
  if (long >= 0) return `Topic ${long + 1} is longer than ${TOPIC_MAX} characters. Split it over two lines.`;
  if (urgent && !concern.trim()) return 'Write what your urgent concern is, or untick the box.';
  return null;
}

/** Prep can be written until the session starts, for a booked (not checked-in) appointment: what the API accepts. */
export function prepOpen(a: Pick<Appointment, 'startAt' | 'status'>, now: Date): boolean {
  return a.status === 'scheduled' && Date.parse(a.startAt) > now.getTime();
}

function timeWords(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
}

function PrepForm({ appointment, prep, onDone }: { appointment: Appointment; prep?: SessionPrep; onDone: (saved: boolean) => void }) {
  const qc = useQueryClient();
  const id = appointment.appointmentId;
  const [topics, setTopics] = useState((prep?.topics ?? []).join('\n'));
  const [feelings, setFeelings] = useState(prep?.recentFeelings ?? '');
  const [urgent, setUrgent] = useState(Boolean(prep?.urgentConcern));
  const [concern, setConcern] = useState(prep?.urgentConcern ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/portal/session-preps', {
          body: {
            appointmentId: id,
            topics: topicsOf(topics),
            recentFeelings: feelings.trim() || null,
            urgentConcern: urgent ? concern.trim() : null,
          },
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['session-preps'] });
      onDone(true);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = prepProblem(topicsOf(topics), feelings, urgent, concern);
    setProblem(p);
    if (!p) save.mutate();
  };
  const topicsError = fieldErrorOf(save.error, 'topics');
  return (
    <form className="stack" onSubmit={submit} aria-label={`Prepare for your session on ${dateTimeWords(appointment.startAt)}`} noValidate>
      <p className="muted">{PREP_WHO}</p>
      <label htmlFor={`topics-${id}`}>What do you want to talk about?</label>
      <p id={`topics-help-${id}`} className="muted">
        One topic a line, up to {MAX_TOPICS}.
      </p>
      <textarea
        id={`topics-${id}`}
        rows={4}
        value={topics}
        aria-describedby={`topics-help-${id}`}
        aria-invalid={topicsError ? true : undefined}
        onChange={(e) => setTopics(e.target.value)}
      />
      <label htmlFor={`feelings-${id}`}>How have you been feeling lately? (optional)</label>
      <textarea id={`feelings-${id}`} rows={3} maxLength={TEXT_MAX} value={feelings} onChange={(e) => setFeelings(e.target.value)} />
      <div className="urgent-note">
        <label className="toggle">
          <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} aria-describedby={`urgent-help-${id}`} />
          <span>I have an urgent concern</span>
        </label>
        <div id={`urgent-help-${id}`}>
          <p>{URGENT_WHO}</p>
          <p>
            <strong>{URGENT_EMERGENCY}</strong> <a href="tel:988">Call or text 988</a>
          </p>
        </div>
        {urgent && (
          <>
            <label htmlFor={`concern-${id}`}>What is worrying you?</label>
            <textarea id={`concern-${id}`} rows={3} maxLength={TEXT_MAX} value={concern} onChange={(e) => setConcern(e.target.value)} />
          </>
        )}
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Sending…' : prep ? 'Save changes' : 'Send to my therapist'}
        </button>{' '}
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
      {save.isError && <ErrorMessage error={save.error} />}
    </form>
  );
}

function PrepSummary({ prep }: { prep: SessionPrep }) {
  return (
    <div>
      <p>
        <span aria-hidden="true">✓ </span>Your prep was sent to your therapist ({dateTimeWords(prep.updatedAt)}).
      </p>
      {prep.topics.length > 0 && (
        <>
          <p className="muted">You want to talk about:</p>
          <ul className="topics">
            {prep.topics.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </>
      )}
      {prep.recentFeelings && <p className="note">How you have been feeling: {prep.recentFeelings}</p>}
      {prep.urgentConcern && (
        <p>
          <span className="badge urgent">
            <span aria-hidden="true">⚠ </span>Urgent concern
          </span>{' '}
          <span className="note">{prep.urgentConcern}</span>
          <br />
          <span className="muted">Your therapist was sent a notice about it.</span>
        </p>
      )}
    </div>
  );
}

function AppointmentCard({ appointment, prep, now }: { appointment: Appointment; prep?: SessionPrep; now: Date }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const when = dateTimeWords(appointment.startAt);
  const open = prepOpen(appointment, now);
  const headingId = `appt-${appointment.appointmentId}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{when}</h2>
      <p>{`Until ${timeWords(appointment.endAt)}${appointment.providerName ? `, with ${appointment.providerName}` : ''}, at ${appointment.siteName}.`}</p>
      {appointment.status === 'checked_in' && <p>You are checked in.</p>}
      {editing ? (
        <PrepForm
          appointment={appointment}
          prep={prep}
          onDone={(done) => {
            setEditing(false);
            setSaved(done);
          }}
        />
      ) : (
        <>
          {prep ? <PrepSummary prep={prep} /> : open && <p>Nothing prepared yet for this session.</p>}
          {saved && (
            <p role="status" className="success">
              Saved. Your therapist can read it.
            </p>
          )}
          {open ? (
            <button
              type="button"
              className={prep ? 'secondary' : undefined}
              aria-label={`${prep ? 'Change your prep' : 'Prepare for this session'} (${when})`}
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {prep ? 'Change your prep' : 'Prepare for this session'}
            </button>
          ) : (
            <p className="muted">This session has started, so its prep can no longer be changed.</p>
          )}
        </>
      )}
    </li>
  );
}

/** Upcoming appointments (from PM through the portal API) and the client's prep for each. */
export function AppointmentsPage() {
  const appointments = useQuery({
    queryKey: ['appointments-upcoming'],
    queryFn: () => call(api.GET('/api/v1/portal/appointments/upcoming')),
  });
  const preps = useQuery({ queryKey: ['session-preps'], queryFn: () => call(api.GET('/api/v1/portal/session-preps')) });
  const byAppointment = new Map((preps.data ?? []).map((p) => [p.appointmentId, p]));
  const now = new Date();
  return (
    <>
      <h1>Upcoming sessions</h1>
      <p className="lead">
        Before a session you can tell your therapist what you want to talk about, so the time goes to what matters to you.
      </p>
      {(appointments.isPending || preps.isPending) && <p>Loading…</p>}
      {appointments.isError && <ErrorMessage error={appointments.error} />}
      {preps.isError && <ErrorMessage error={preps.error} />}
      {appointments.data && appointments.data.length === 0 && <p>You have no upcoming appointments. Contact your clinic to book one.</p>}
      {appointments.data && appointments.data.length > 0 && !preps.isPending && (
        <ul className="cards">
          {appointments.data.map((a) => (
            <AppointmentCard key={a.appointmentId} appointment={a} prep={byAppointment.get(a.appointmentId)} now={now} />
          ))}
        </ul>
      )}
    </>
  );
}
