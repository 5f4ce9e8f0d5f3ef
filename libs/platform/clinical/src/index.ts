export { GetPatientReferenceQuery } from './get-patient-reference.query';
export type { PatientReference } from './get-patient-reference.query';
