import { previousDay } from '../../shared/format';

/**
 * Days in a row with a mood check-in, ending today, or yesterday when today's is not logged yet (the streak is
 * still alive until the day ends). `days` are the trend's days that have entries.
 */
export function moodStreak(days: readonly { date: string; entries: number }[], today: string): number {
  const logged = new Set(days.filter((d) => d.entries > 0).map((d) => d.date));
  let day = logged.has(today) ? today : previousDay(today);
  let streak = 0;
  while (logged.has(day)) {
    streak++;
    day = previousDay(day);
  }
  return streak;
}
