/** PF-96 vocabulary: a jurisdiction profile and the rules it holds. Plain types, no runtime. */

/**
 * How minutes of a timed (per 15 minutes) service become units:
 * - `cms_8_minute`: Medicare's rule. Add up the minutes of every timed service of the day; each full 15
 *   minutes is a unit and a remainder of 8 or more minutes is one more unit; the units go to the services by
 *   their full units first, then to the largest remainders.
 * - `midpoint`: a unit is billed once its midpoint is passed (more than half of it), for each service on its
 *   own (no adding minutes across services).
 * - `whole_units`: only completed units count.
 */
export const TIMED_UNIT_RULES = ['cms_8_minute', 'midpoint', 'whole_units'] as const;
export type TimedUnitRule = (typeof TIMED_UNIT_RULES)[number];

/** Group session types the clinical record knows (group-encounter-generation seed). */
export const GROUP_TYPES = [
  'psychotherapy_group',
  'multi_family_group',
  'sud_group_counseling',
  'peer_support_group',
  'psychosocial_rehabilitation_group',
] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

/** Circumstances of a service that can require a modifier. */
export const SERVICE_CIRCUMSTANCES = ['group_setting', 'telehealth_video', 'sud_program', 'mental_health_program'] as const;
export type ServiceCircumstance = (typeof SERVICE_CIRCUMSTANCES)[number];

export interface GroupCodeMapping {
  system: 'CPT' | 'HCPCS';
  code: string;
  /** Modifiers that always go with this group type's code here (e.g. HF on H0005). */
  modifiers: string[];
}

export interface RequiredModifierRule {
  modifier: string;
  when: ServiceCircumstance;
  /** Codes the rule applies to; null means every code. */
  codes: string[] | null;
}

export interface JurisdictionProfile {
  key: string;
  name: string;
  /** Two-letter state code; null for the default profile. */
  stateCode: string | null;
  isDefault: boolean;
  payerProgram: string | null;
  timedUnitRule: TimedUnitRule;
  /** Minutes in one unit of a timed code (15). */
  timedUnitMinutes: number;
  /** Fewest minutes of attendance for a billable group encounter. */
  groupMinimumMinutes: number;
  groupCodes: Partial<Record<GroupType, GroupCodeMapping>>;
  requiredModifiers: RequiredModifierRule[];
  effectiveFrom: string;
}

/** The profile that applies, and how it was chosen. */
export interface ResolvedJurisdictionProfile {
  profile: JurisdictionProfile;
  /** The state code that selected it (the site's, else the organization's), or null when none is set. */
  jurisdiction: string | null;
  /** 'site' / 'organization' / 'state' (asked for by code) when a state profile matched; 'default' otherwise. */
  selectedBy: 'site' | 'organization' | 'state' | 'default';
}
