/**
 * The answer to deleting a patient (ADR 0018): the patient is closed (`deleted`), every portal row and file of theirs
 * is erased, and the clinical record (chart, notes, encounters, consents) is kept for its retention period.
 */
export interface PatientDeletionView {
  patientId: string;
  status: 'deleted';
  /** The status the patient had before (never `active`: a patient in care is discharged first). */
  previousStatus: string;
  /** Portal rows and files erased in all. */
  portalRowsErased: number;
  /** Portal rows erased per portal table (every portal table of a patient's rows, 0 where there were none). */
  portalRowsErasedByTable: Record<string, number>;
}
