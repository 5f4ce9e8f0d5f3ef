import { Command } from '@nestjs/cqrs';

import type { PatientDeletionView } from '../../domain/patient-deletion.view';

/** An administrator deletes a patient (ADR 0018). Null when the patient is not found in the caller's scope. */
export class DeletePatientCommand extends Command<PatientDeletionView | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
