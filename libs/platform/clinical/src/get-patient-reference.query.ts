import { Query } from '@nestjs/cqrs';

/** What another context may learn about a patient it references: that it exists in scope, and its home site. */
export interface PatientReference {
  patientId: string;
  siteId: string;
}

/**
 * Resolves a patient id for another context (PM books appointments for CL's patients) without that context
 * reading CL's tables. CL handles it under the caller's tenant context and row-level security, and audits
 * the look-up. Null when the patient does not exist, is outside the caller's scope, or is deleted (closed for good:
 * nothing new starts for them, ADR 0018).
 */
export class GetPatientReferenceQuery extends Query<PatientReference | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
