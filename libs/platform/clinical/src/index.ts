export { PART2_RECORD_TYPES } from './part2-consent';
export type { Part2RecordType, SudConsentDecision, SudConsentReason } from './part2-consent';
export { CheckSudConsentQuery } from './check-sud-consent.query';
export { GetPatientReferenceQuery } from './get-patient-reference.query';
export type { PatientReference } from './get-patient-reference.query';
export { PF15_PEER_ENCOUNTER_TYPES } from './peer-encounter-types';
export type { Pf15PeerEncounterType } from './peer-encounter-types';
// Integration events CL publishes (the payloads; platform/messaging routes them by name).
export { CL_GROUP_ENCOUNTERS_APPROVED_V1 } from './events/cl-group-encounters-approved.event';
export type { ClGroupEncountersApprovedV1 } from './events/cl-group-encounters-approved.event';
export { CL_GROUP_SESSION_DOCUMENTED_V1, GROUP_SESSION_MODALITIES } from './events/cl-group-session-documented.event';
export type { ClGroupSessionDocumentedV1, GroupSessionModality } from './events/cl-group-session-documented.event';
export { PEER_ENCOUNTER_FINALIZED_V1 } from './events/peer-encounter-finalized.event';
export type { PeerEncounterFinalizedV1 } from './events/peer-encounter-finalized.event';
export { CL_PROGRESS_NOTE_SIGNED_V1 } from './events/cl-progress-note-signed.event';
export type { ClProgressNoteSignedV1 } from './events/cl-progress-note-signed.event';
