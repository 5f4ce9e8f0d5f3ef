import type { PatientAppointment } from '@cairn/platform/scheduling';

export const MAX_TOPICS = 10;
export const TOPIC_MAX = 300;
export const TEXT_MAX = 2000;

/** Prep is for an appointment still ahead and still booked: not a past, cancelled or no-show one. */
export function prepRefusal(appointment: PatientAppointment, now: Date): string | null {
  if (Date.parse(appointment.startAt) <= now.getTime())
    return 'appointmentId must name an upcoming appointment; this one has started or is past';
  if (appointment.status !== 'scheduled') return `appointmentId must name a booked appointment; this one is ${appointment.status}`;
  return null;
}

/** Topics trimmed, empty ones dropped, duplicates removed (case-insensitive), order kept. */
export function cleanTopics(topics: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of topics.map((x) => x.trim()).filter((x) => x.length > 0)) {
    if (seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
  }
  return out;
}
