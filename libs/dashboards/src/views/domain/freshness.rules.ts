import type { UpdateModel } from '../../definitions/domain/metric-definition.rules';

/** What the store says about a source right now. `silent`: no successful update within its expected interval. */
export type FeedState = 'ok' | 'failing' | 'silent' | 'never-computed' | 'not-connected';

export interface SourceStatusRow {
  source: string;
  status: string;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  failingSince: Date | null;
  lastError: string | null;
  expectedIntervalSeconds: number;
}

export interface Staleness {
  since: string;
  reason: string;
}

/** The state of a source's feed at `now`, and, when it is not ok, since when and why the values are stale. */
export function feedState(row: SourceStatusRow | undefined, now: Date, connected = true): { state: FeedState; stale: Staleness | null } {
  if (!connected) return { state: 'not-connected', stale: null };
  if (!row || (!row.lastSuccessAt && row.status !== 'failing')) return { state: 'never-computed', stale: null };
  if (row.status === 'failing') {
    const since = row.failingSince ?? row.lastFailureAt ?? now;
    return { state: 'failing', stale: { since: since.toISOString(), reason: `source failing: ${row.lastError ?? 'unknown error'}` } };
  }
  const dueBy = new Date((row.lastSuccessAt as Date).getTime() + row.expectedIntervalSeconds * 1000);
  if (dueBy.getTime() < now.getTime())
    return {
      state: 'silent',
      stale: {
        since: dueBy.toISOString(),
        reason: `source silent: no update since ${(row.lastSuccessAt as Date).toISOString()} (expected every ${row.expectedIntervalSeconds} s)`,
      },
    };
  return { state: 'ok', stale: null };
}

function minutesAgo(computedAt: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - computedAt.getTime()) / 60_000));
  if (minutes < 1) return 'Updated just now';
  if (minutes < 60) return `Updated ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `Updated ${hours} h ago`;
  return `Updated ${Math.floor(hours / 24)} days ago`;
}

/** The calendar day and HH:MM of an instant in a time zone. */
export function localParts(at: Date, timeZone: string): { day: string; time: string } {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { day: `${p['year']}-${p['month']}-${p['day']}`, time: `${p['hour']}:${p['minute']}` };
}

/**
 * The human freshness label of a value (§4.1: visible with the update model on the dashboard surface).
 * Real-time with a healthy feed: "Live"; near-real-time: "Updated 2 min ago"; batch: "As of 02:00 today"
 * (yesterday, or the date, in the organization's time zone). A stale real-time value never says "Live".
 */
export function freshnessLabel(updateModel: UpdateModel, computedAt: Date | null, state: FeedState, now: Date, timeZone: string): string {
  if (state === 'not-connected') return 'Feed not connected';
  if (!computedAt) return 'Not yet computed';
  if (updateModel === 'real-time') return state === 'ok' ? 'Live' : minutesAgo(computedAt, now);
  if (updateModel === 'near-real-time') return minutesAgo(computedAt, now);
  const at = localParts(computedAt, timeZone);
  const today = localParts(now, timeZone).day;
  const yesterday = localParts(new Date(now.getTime() - 86_400_000), timeZone).day;
  if (at.day === today) return `As of ${at.time} today`;
  if (at.day === yesterday) return `As of ${at.time} yesterday`;
  return `As of ${at.time} on ${at.day}`;
}
