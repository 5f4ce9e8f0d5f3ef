import { Command } from '@nestjs/cqrs';

/** What the portal erased of one patient: rows per portal table (files included), and their sum. */
export interface PatientPortalDataErased {
  rowsErased: number;
  /** Every portal table of a patient's rows, by table name (0 where the patient had none). */
  rowsErasedByTable: Record<string, number>;
}

/**
 * Sent by CL when an administrator deletes a patient (DELETE /api/v1/patients/:id, ADR 0018), handled by the portal in
 * the caller's transaction: every portal row and file of the patient is erased, and with the account its sessions end.
 * Null when the patient is not in the caller's scope. Throws ForbiddenError (403) for a caller without
 * `patients.delete`. It never commits on its own: if the caller's transaction fails later, nothing is erased.
 */
export class ErasePatientPortalDataCommand extends Command<PatientPortalDataErased | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
