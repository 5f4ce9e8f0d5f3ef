export { GROUP_TYPES, SERVICE_CIRCUMSTANCES, TIMED_UNIT_RULES } from './jurisdiction-profile';
export type {
  GroupCodeMapping,
  GroupType,
  JurisdictionProfile,
  RequiredModifierRule,
  ResolvedJurisdictionProfile,
  ServiceCircumstance,
  TimedUnitRule,
} from './jurisdiction-profile';
export { allocateTimedUnits, timedUnits } from './timed-units';
export type { TimedServiceLine, TimedUnitAllocation } from './timed-units';
export { isBillableGroupAttendance, proposeGroupCode, requiredModifiers } from './group-codes';
export type { ProposedGroupCode } from './group-codes';
export { GetJurisdictionProfileQuery } from './get-jurisdiction-profile.query';
export type { JurisdictionSelector } from './get-jurisdiction-profile.query';
