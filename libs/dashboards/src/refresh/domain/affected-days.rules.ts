import { SIGNAL_METRICS, type SignalSourceKey } from '@cairn/platform/performance-signals';

/** The sources whose metrics name `eventType` in SIGNAL_METRICS[].events: what an event makes stale. */
export function sourcesForEvent(eventType: string): SignalSourceKey[] {
  return [...new Set(SIGNAL_METRICS.filter((m) => m.events.includes(eventType)).map((m) => m.source))];
}

/** The signal keys of those sources (what a change notification names). */
export function signalsOfSources(sources: readonly SignalSourceKey[]): string[] {
  return SIGNAL_METRICS.filter((m) => sources.includes(m.source)).map((m) => m.key);
}

/** The organization's calendar day (YYYY-MM-DD) of an instant. */
export function dayIn(timezone: string, at: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The day `days` days before a YYYY-MM-DD day. */
export function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** How far back a source is computed the first time: the trailing eight weeks the attention rules compare against. */
export const FIRST_RECOMPUTE_DAYS = 56;

/** The day before a YYYY-MM-DD day. */
export function previousDay(day: string): string {
  return daysBefore(day, 1);
}

/**
 * The sources a near-real-time tick must catch up besides its own: those never computed for the organization (a
 * fresh installation, a source added since: from FIRST_RECOMPUTE_DAYS back) and those not computed since today
 * began (a real-time source changes only on events: a quiet morning would leave today's tiles empty: today only).
 */
export function sourcesToCatchUp(
  sources: readonly SignalSourceKey[],
  lastSuccessDay: ReadonlyMap<string, string | null>,
  today: string,
): { never: SignalSourceKey[]; notToday: SignalSourceKey[] } {
  const never = sources.filter((s) => !lastSuccessDay.has(s));
  const notToday = sources.filter((s) => {
    if (!lastSuccessDay.has(s)) return false;
    const day = lastSuccessDay.get(s);
    return day === null || day === undefined || day < today;
  });
  return { never, notToday };
}

/** Payload fields that place an event's facts on a day: instants (the organization's day) or calendar dates. */
const INSTANT_FIELDS = ['start_at', 'previous_start_at', 'signed_at', 'created_at', 'finalized_at'] as const;
const DATE_FIELDS = ['session_date', 'service_date', 'encounter_date'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The days an event changes: the day it happened (a snapshot such as unsigned notes is "as of today") and the
 * days its facts count on (an appointment counts on the day it starts; a group session on its session date). At
 * most a handful, sorted, without repeats; unparseable fields are ignored (the nightly batch covers them).
 */
export function affectedDays(timezone: string, occurredAt: string, payload: Record<string, unknown>): string[] {
  const days = new Set<string>();
  const occurred = new Date(occurredAt);
  if (!Number.isNaN(occurred.getTime())) days.add(dayIn(timezone, occurred));
  for (const f of INSTANT_FIELDS) {
    const v = payload[f];
    if (typeof v !== 'string') continue;
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) days.add(dayIn(timezone, d));
  }
  for (const f of DATE_FIELDS) {
    const v = payload[f];
    if (typeof v === 'string' && DAY.test(v.slice(0, 10))) days.add(v.slice(0, 10));
  }
  return [...days].sort();
}

/** Providers an event concerns (a practitioner's stream only hears of its own); empty: not provider-bound. */
export function providersOf(payload: Record<string, unknown>): string[] {
  const ids = ['provider_id', 'facilitator_id', 'peer_provider_id', 'author_id', 'rendering_provider_id']
    .map((f) => payload[f])
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
  return [...new Set(ids)];
}
