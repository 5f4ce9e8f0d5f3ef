import type { Schemas } from '../../../api/client';

export type UnitBasis = NonNullable<Schemas['CodeDto']['unitBasis']>;
export type TimedUnitRule = Schemas['JurisdictionProfileDto']['timedUnitRule'];

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** The encounter's minutes (end − start, same day), or why there are none yet, in words under the end field. */
export function previewDuration(startTime: string, endTime: string): { minutes: number } | { problem: string } {
  if (!HH_MM.test(startTime) || !HH_MM.test(endTime)) return { problem: 'Enter a start and an end time.' };
  const minutes = minutesOf(endTime) - minutesOf(startTime);
  if (minutes <= 0) return { problem: 'The end time must be after the start time (the same day).' };
  return { minutes };
}

/**
 * Units of ONE timed service, the server's rule (libs/platform/jurisdiction timed-units.ts, used by CL when it saves
 * the encounter and by PM when it charges it): whole units, plus one more when more than half a unit is left over
 * (`cms_8_minute` and `midpoint` agree for one service), none for `whole_units`. Kept in step by peer-units.test.ts.
 */
export function timedUnits(rule: TimedUnitRule, minutes: number, unitMinutes = 15): number {
  const full = Math.floor(minutes / unitMinutes);
  const remainder = minutes - full * unitMinutes;
  if (rule === 'whole_units') return full;
  return full + (remainder * 2 > unitMinutes ? 1 : 0);
}

/** Units the encounter will carry: a per-15-minutes code by the site's rule, any other basis one unit. */
export function previewUnits(unitBasis: UnitBasis, minutes: number, profile: { timedUnitRule: TimedUnitRule; timedUnitMinutes: number }) {
  return unitBasis === 'per_15_minutes' ? timedUnits(profile.timedUnitRule, minutes, profile.timedUnitMinutes) : 1;
}

const RULE_WORDS: Record<TimedUnitRule, string> = {
  cms_8_minute: 'the CMS 8-minute rule',
  midpoint: 'the midpoint rule',
  whole_units: 'the whole-units rule',
};

/** "53 minutes = 4 units of 15 minutes, by the midpoint rule of Arizona AHCCCS." */
export function unitsSentence(
  unitBasis: UnitBasis,
  minutes: number,
  profile: { timedUnitRule: TimedUnitRule; timedUnitMinutes: number; name: string },
): string {
  const units = previewUnits(unitBasis, minutes, profile);
  const u = `${units} unit${units === 1 ? '' : 's'}`;
  if (unitBasis !== 'per_15_minutes') return `${minutes} minutes = ${u} (this code is billed once per ${unitBasis.replace('per_', '')}).`;
  return `${minutes} minutes = ${u} of ${profile.timedUnitMinutes} minutes, by ${RULE_WORDS[profile.timedUnitRule]} of ${profile.name}.`;
}
