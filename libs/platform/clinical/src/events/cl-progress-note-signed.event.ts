/**
 * `cl_progress_note_signed.v1` — published by CL-04 when a progress note is signed, in the transaction of the
 * signature (issue 16: real-time documentation metrics). Ids and times only: no patient, no note text (a note
 * may be a Part 2 record).
 */
export const CL_PROGRESS_NOTE_SIGNED_V1 = 'cl_progress_note_signed.v1';

export interface ClProgressNoteSignedV1 {
  organization_id: string;
  note_id: string;
  site_id: string;
  author_id: string;
  /** ISO 8601 */
  session_end: string;
  /** ISO 8601 */
  signed_at: string;
}
