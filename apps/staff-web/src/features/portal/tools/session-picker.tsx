import { useQuery } from '@tanstack/react-query';

import { api, call, Schemas } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { Field } from '../../../shared/field';

export type ShareableSession = Schemas['ShareableSessionDto'];

/** The periods the form offers (the API takes 1..365 days, 60 by default). */
export const PERIODS = [
  { days: 60, words: 'the last 60 days' },
  { days: 180, words: 'the last 6 months' },
  { days: 365, words: 'the last year' },
] as const;
export type PeriodDays = (typeof PERIODS)[number]['days'];

export const periodWords = (days: number) => PERIODS.find((p) => p.days === days)?.words ?? `the last ${days} days`;

/** The query key of the list, so the form can fetch it again after sharing. */
export const SHAREABLE_SESSIONS = 'session-summary-sessions';

/** The client's held sessions of the last `days` days (one request, shared by the picker and the form). */
export function useShareableSessions(patientId: string, days: number) {
  const { scope } = useAuth();
  return useQuery({
    queryKey: [SHAREABLE_SESSIONS, scope.organizationId ?? null, patientId, days],
    queryFn: () =>
      call(
        api.GET('/api/v1/patients/{id}/session-summaries/sessions', {
          params: { path: { id: patientId }, query: { days } },
        }),
      ),
  });
}

/** `appointmentId` when it is a listed session without a summary, else '' (nothing a stale link could send). */
export function choosable(sessions: readonly ShareableSession[] | undefined, appointmentId: string): string {
  return sessions?.some((s) => s.appointmentId === appointmentId && !s.summaryId) ? appointmentId : '';
}

/**
 * "Tue 2 Dec, 10:00–10:50 with Dr. Maya Ortiz at Tucson Clinic", plus "summary already shared" when there is one;
 * the year only when it is not this year. Times in the browser's zone (`timeZone` for tests).
 */
export function sessionWords(s: ShareableSession, { timeZone, now = new Date() }: { timeZone?: string; now?: Date } = {}): string {
  const start = new Date(s.startAt);
  const sameYear =
    new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone }).format(start) ===
    new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone }).format(now);
  const day = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone,
  }).format(start);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  const who = s.clinicianName ? ` with ${s.clinicianName}` : '';
  const shared = s.summaryId ? ' — summary already shared' : '';
  return `${day.replace(/,/g, '')}, ${time.format(start)}–${time.format(new Date(s.endAt))}${who} at ${s.siteName}${shared}`;
}

/**
 * The client's held sessions of a period (GET /patients/:id/session-summaries/sessions) as a select, newest first;
 * a session whose summary was shared is listed but cannot be chosen (one summary per session). Says plainly when the
 * period holds no session, when every one has its summary, and when the session a link named is not among them.
 */
export function SessionPicker({
  id,
  patientId,
  days,
  onDays,
  value,
  onChange,
  linked,
  error,
}: {
  id: string;
  patientId: string;
  days: PeriodDays;
  onDays: (days: PeriodDays) => void;
  /** The chosen appointment id ('' for none). */
  value: string;
  onChange: (appointmentId: string) => void;
  /** The appointment named by `?appointment=`, if any. */
  linked: string;
  error: string | undefined;
}) {
  const sessions = useShareableSessions(patientId, days);
  const list = sessions.data?.sessions ?? [];
  const open = list.filter((s) => !s.summaryId);
  const linkedSession = linked ? list.find((s) => s.appointmentId === linked) : undefined;
  const period = periodWords(days);
  const widen = days < 365 ? ' Choose a longer period above to look further back.' : '';

  let note: string | null = null;
  if (sessions.data && linked) {
    if (!linkedSession)
      note = `The session named in the link you followed is not a completed session of this client in ${period}, so it cannot be chosen.${widen}`;
    else if (linkedSession.summaryId) note = 'A summary of the session named in the link you followed has been shared already.';
  }

  return (
    <fieldset className="portal-choice">
      <legend>Session</legend>
      <Field id={`${id}-period`} label="Show sessions held in">
        <select id={`${id}-period`} value={days} onChange={(e) => onDays(Number(e.target.value) as PeriodDays)}>
          {PERIODS.map((p) => (
            <option key={p.days} value={p.days}>
              {p.words}
            </option>
          ))}
        </select>
      </Field>
      {sessions.error ? (
        <div>
          <p>This client&apos;s sessions could not be loaded, so a summary cannot be shared just now.</p>
          <ErrorMessage error={sessions.error} />
        </div>
      ) : !sessions.data ? (
        <p role="status">Loading this client&apos;s sessions…</p>
      ) : list.length === 0 ? (
        <p role="status">
          No session with this client was held in {period}. A summary can be shared only for a session marked completed.{widen}
        </p>
      ) : (
        <Field
          id={`${id}-appt`}
          label="The session this summary is for"
          hint={
            open.length === 0
              ? `Every session held in ${period} has its summary already. Each session has one summary.`
              : 'Completed sessions, newest first. Each session has one summary; the client sees its date and clinician with it.'
          }
          error={error}
        >
          <select
            id={`${id}-appt`}
            value={choosable(list, value)}
            aria-invalid={Boolean(error)}
            aria-describedby={Field.describedBy(`${id}-appt`, { hint: true, error })}
            onChange={(e) => onChange(e.target.value)}
          >
            <option value="">{open.length === 0 ? 'No session without a summary' : 'Choose a session'}</option>
            {list.map((s) => (
              <option key={s.appointmentId} value={s.appointmentId} disabled={Boolean(s.summaryId)}>
                {sessionWords(s)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {note && (
        <p className="muted" role="status">
          {note}
        </p>
      )}
    </fieldset>
  );
}
