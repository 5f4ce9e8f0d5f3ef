import { Query } from '@nestjs/cqrs';

import type { PatientView } from '../../domain/patient.view';

/** Null when the patient does not exist or is outside the caller's scope (the API answers 404 either way). */
export class GetPatientQuery extends Query<PatientView | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
