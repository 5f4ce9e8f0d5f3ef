import type { GroupType, JurisdictionProfile, ServiceCircumstance } from './jurisdiction-profile';

/** Modifiers a profile requires for `code` under the given circumstances, in rule order, without repeats. */
export function requiredModifiers(profile: JurisdictionProfile, code: string, circumstances: readonly ServiceCircumstance[]): string[] {
  const out: string[] = [];
  for (const rule of profile.requiredModifiers) {
    if (!circumstances.includes(rule.when)) continue;
    if (rule.codes !== null && !rule.codes.includes(code)) continue;
    if (!out.includes(rule.modifier)) out.push(rule.modifier);
  }
  return out;
}

export interface ProposedGroupCode {
  system: 'CPT' | 'HCPCS';
  code: string;
  modifiers: string[];
}

/**
 * The code and modifiers a group encounter of this type proposes under the profile (advisory: PM has the final
 * say at charge capture). Null when the profile maps no code for the group type.
 */
export function proposeGroupCode(
  profile: JurisdictionProfile,
  groupType: GroupType,
  options: { telehealth?: boolean; sudProgram?: boolean } = {},
): ProposedGroupCode | null {
  const mapping = profile.groupCodes[groupType];
  if (!mapping) return null;
  const circumstances: ServiceCircumstance[] = ['group_setting'];
  if (options.telehealth) circumstances.push('telehealth_video');
  if (options.sudProgram || groupType === 'sud_group_counseling') circumstances.push('sud_program');
  const modifiers = [...mapping.modifiers];
  for (const m of requiredModifiers(profile, mapping.code, circumstances)) if (!modifiers.includes(m)) modifiers.push(m);
  return { system: mapping.system, code: mapping.code, modifiers };
}

/** Whether an attendance of `minutes` is long enough to bill a group encounter under the profile. */
export function isBillableGroupAttendance(profile: JurisdictionProfile, minutes: number): boolean {
  return Number.isFinite(minutes) && minutes >= profile.groupMinimumMinutes;
}
