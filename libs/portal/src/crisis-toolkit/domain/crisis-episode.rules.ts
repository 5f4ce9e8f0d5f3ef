/**
 * Scenario 3 of the seed: a client who opens the crisis toolkit a third time within 7 days raises an alert to
 * their therapist and to the admins' high-risk list, once per episode, and nothing is ever done to the client.
 *
 * An episode starts with the open that makes three within a rolling 7 days (that open and the earlier ones of
 * the window belong to it). Every later open extends it. It is over once 7 days pass without an open; the next
 * open after that counts afresh, so a new episode needs three opens within 7 days again.
 */
export const CRISIS_WINDOW_DAYS = 7;
export const CRISIS_ALERT_THRESHOLD = 3;
const WINDOW_MS = CRISIS_WINDOW_DAYS * 24 * 60 * 60 * 1000;

/** The latest alert of the client, if any. */
export interface LatestCrisisAlert {
  id: string;
  lastOpenAt: Date;
}

export type CrisisOpenDecision =
  /** The open belongs to the live episode of `alertId`: count it there, no new alert. */
  | { kind: 'extend'; alertId: string }
  /** The open makes `openCount` within the window: a new episode, one alert. */
  | { kind: 'raise'; firstOpenAt: Date; openCount: number }
  /** Fewer than three opens within the window. */
  | { kind: 'none' };

/** The start of the window that ends at `now`. */
export function crisisWindowStart(now: Date): Date {
  return new Date(now.getTime() - WINDOW_MS);
}

/** Is an episode whose last open was at `lastOpenAt` still live at `now`? */
export function episodeLive(lastOpenAt: Date, now: Date): boolean {
  return now.getTime() - lastOpenAt.getTime() < WINDOW_MS;
}

/**
 * What an open at `now` does. `earlierOpens`: the client's opens within the window before this one that belong
 * to no episode.
 */
export function decideCrisisOpen(now: Date, earlierOpens: readonly Date[], latest: LatestCrisisAlert | null): CrisisOpenDecision {
  if (latest && episodeLive(latest.lastOpenAt, now)) return { kind: 'extend', alertId: latest.id };
  const start = crisisWindowStart(now).getTime();
  const inWindow = earlierOpens.filter((d) => d.getTime() > start && d.getTime() <= now.getTime());
  const openCount = inWindow.length + 1;
  if (openCount < CRISIS_ALERT_THRESHOLD) return { kind: 'none' };
  const firstOpenAt = new Date(Math.min(...inWindow.map((d) => d.getTime())));
  return { kind: 'raise', firstOpenAt, openCount };
}
