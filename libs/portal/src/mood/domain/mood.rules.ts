import type { PatientAppointment } from '@cairn/platform/scheduling';

/** The seed's symptom vocabulary (MoodEntry.symptoms, e.g. ['ANXIETY', 'INSOMNIA']): fixed, so trends can count them. */
export const MOOD_SYMPTOMS = [
  'ANXIETY',
  'INSOMNIA',
  'LOW_MOOD',
  'IRRITABILITY',
  'FATIGUE',
  'PANIC',
  'CRAVINGS',
  'APPETITE_CHANGE',
  'ISOLATION',
  'RACING_THOUGHTS',
  'HOPELESSNESS',
  'POOR_CONCENTRATION',
  'ANGER',
  'PHYSICAL_PAIN',
] as const;
export type MoodSymptom = (typeof MOOD_SYMPTOMS)[number];

/** A score at or below this tells the clinician the mood dropped (seed scenario 1: a 3/10). */
export const LOW_MOOD_SCORE = 3;
/** The trend's window, in days (seed: "last 30 days"). */
export const TREND_DAYS = 30;
/** Days after a session that count as "after" it in the attendance correlation. */
export const AFTER_SESSION_DAYS = 3;

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A YYYY-MM-DD day plus n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export interface MoodPoint {
  date: string;
  score: number;
  symptoms: readonly string[];
}

export interface MoodDay {
  date: string;
  averageScore: number;
  entries: number;
}

export interface AttendanceCorrelation {
  attendedSessions: number;
  missedSessions: number;
  /** Mean score within AFTER_SESSION_DAYS days after an attended session (the session's day included). */
  averageAfterAttended: number | null;
  /** The same after a missed one (no-show, late cancellation, patient cancellation). */
  averageAfterMissed: number | null;
  /** Mean score on the other days of the window. */
  averageOtherDays: number | null;
  /** Each session of the window: its day and whether it was attended. */
  sessions: { date: string; attended: boolean; status: string }[];
}

export interface MoodTrend {
  from: string;
  to: string;
  entries: number;
  averageScore: number | null;
  latestScore: number | null;
  /** Mean of the window's second half minus its first half (negative: the mood dropped). */
  change: number | null;
  days: MoodDay[];
  topSymptoms: { symptom: string; count: number }[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (xs: number[]) => (xs.length ? round1(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

/** The 30-day trend of the entries of [from, to] (YYYY-MM-DD, inclusive), oldest first. */
export function moodTrend(points: readonly MoodPoint[], from: string, to: string): MoodTrend {
  const inWindow = points.filter((p) => p.date >= from && p.date <= to).sort((a, b) => a.date.localeCompare(b.date));
  const byDay = new Map<string, number[]>();
  for (const p of inWindow) byDay.set(p.date, [...(byDay.get(p.date) ?? []), p.score]);
  const days = [...byDay.entries()].map(([date, scores]) => ({ date, averageScore: mean(scores)!, entries: scores.length }));
  const middle = addDays(from, Math.floor(TREND_DAYS / 2));
  const first = mean(inWindow.filter((p) => p.date < middle).map((p) => p.score));
  const second = mean(inWindow.filter((p) => p.date >= middle).map((p) => p.score));
  const counts = new Map<string, number>();
  for (const p of inWindow) for (const s of p.symptoms) counts.set(s, (counts.get(s) ?? 0) + 1);
  return {
    from,
    to,
    entries: inWindow.length,
    averageScore: mean(inWindow.map((p) => p.score)),
    latestScore: inWindow.at(-1)?.score ?? null,
    change: first !== null && second !== null ? round1(second - first) : null,
    days,
    topSymptoms: [...counts.entries()]
      .map(([symptom, count]) => ({ symptom, count }))
      .sort((a, b) => b.count - a.count || a.symptom.localeCompare(b.symptom))
      .slice(0, 5),
  };
}

const ATTENDED = new Set(['completed', 'checked_in']);
const MISSED = new Set(['no_show', 'late_cancelled']);

/**
 * The seed's "mood correlation with session attendance": mean mood in the days after attended sessions against
 * the days after missed ones and the rest of the window. Only sessions that happened (or were missed) count;
 * scheduled and clinic-cancelled ones say nothing about the client.
 */
export function attendanceCorrelation(
  points: readonly MoodPoint[],
  appointments: readonly PatientAppointment[],
  timeZone: string,
  from: string,
  to: string,
): AttendanceCorrelation {
  const sessions = appointments
    .map((a) => ({ date: dayIn(timeZone, new Date(a.startAt)), status: a.status }))
    .filter((s) => s.date >= from && s.date <= to && (ATTENDED.has(s.status) || MISSED.has(s.status)))
    .map((s) => ({ ...s, attended: ATTENDED.has(s.status) }))
    .sort((a, b) => a.date.localeCompare(b.date));
  const after = (attended: boolean) => {
    const days = new Set<string>();
    for (const s of sessions.filter((x) => x.attended === attended))
      for (let i = 0; i <= AFTER_SESSION_DAYS; i++) days.add(addDays(s.date, i));
    return days;
  };
  const afterAttended = after(true);
  const afterMissed = after(false);
  const inWindow = points.filter((p) => p.date >= from && p.date <= to);
  return {
    attendedSessions: sessions.filter((s) => s.attended).length,
    missedSessions: sessions.filter((s) => !s.attended).length,
    averageAfterAttended: mean(inWindow.filter((p) => afterAttended.has(p.date)).map((p) => p.score)),
    averageAfterMissed: mean(inWindow.filter((p) => afterMissed.has(p.date)).map((p) => p.score)),
    averageOtherDays: mean(inWindow.filter((p) => !afterAttended.has(p.date) && !afterMissed.has(p.date)).map((p) => p.score)),
    sessions: sessions.map(({ date, attended, status }) => ({ date, attended, status })),
  };
}
