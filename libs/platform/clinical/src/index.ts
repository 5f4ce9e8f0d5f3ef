export { PART2_RECORD_TYPES } from './part2-consent';
export type { Part2RecordType, SudConsentDecision, SudConsentReason } from './part2-consent';
export { CheckSudConsentQuery } from './check-sud-consent.query';
export { GetPatientReferenceQuery } from './get-patient-reference.query';
export type { PatientReference } from './get-patient-reference.query';
export { PF15_PEER_ENCOUNTER_TYPES } from './peer-encounter-types';
export type { Pf15PeerEncounterType } from './peer-encounter-types';
