/**
 * `cl_group_session_documented.v1` — published by CL-14 when a group session's note is submitted; consumed by
 * group encounter generation (queue `encounter-generation`). Ids and facts only: no names, no note text.
 * The seed references this contract (CL-PM-GROUP-SESSIONS) without spelling it out; these are the facts the
 * generation handler needs: one row per attendee with their attendance and minutes.
 */
export const CL_GROUP_SESSION_DOCUMENTED_V1 = 'cl_group_session_documented.v1';

export interface ClGroupSessionDocumentedV1 {
  organization_id: string;
  session_id: string;
  site_id: string;
  /** e.g. psychotherapy, multi_family, sud_group_counseling: the jurisdiction profile maps it to a code. */
  group_type: string;
  /** Calendar date of the session (YYYY-MM-DD) in the site's time zone. */
  session_date: string;
  duration_minutes: number;
  facilitator_id: string;
  documented_by: string;
  attendees: Array<{
    patient_id: string;
    chart_id: string;
    attendance_status: 'present' | 'partial' | 'absent';
    minutes_attended: number;
  }>;
}
