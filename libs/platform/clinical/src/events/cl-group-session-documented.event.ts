/**
 * `cl_group_session_documented.v1` — published by CL-14 when a group session's note is signed; consumed by
 * group encounter generation (queue `encounter-generation`). Ids and facts only: no names, no note text.
 * The seed references this contract (CL-PM-GROUP-SESSIONS) without spelling it out; these are the facts the
 * generation handler needs to propose codes and track every attendee without reading CL-14's tables:
 * the group's type and SUD-program flag (Part 2), the modality (telehealth modifiers), and one row per
 * rostered patient with their attendance and minutes.
 */
export const CL_GROUP_SESSION_DOCUMENTED_V1 = 'cl_group_session_documented.v1';

export const GROUP_SESSION_MODALITIES = ['in_person', 'telehealth_video'] as const;
export type GroupSessionModality = (typeof GROUP_SESSION_MODALITIES)[number];

export interface ClGroupSessionDocumentedV1 {
  organization_id: string;
  session_id: string;
  group_id: string;
  site_id: string;
  /** A GroupType of @cairn/platform/jurisdiction (e.g. psychotherapy_group): the profile maps it to a code. */
  group_type: string;
  /** The group belongs to a Part 2 (SUD) program: its generations are Part 2 records. */
  sud_program: boolean;
  modality: GroupSessionModality;
  /** Calendar date of the session (YYYY-MM-DD) in the site's time zone. */
  session_date: string;
  /** HH:MM, the site's local time. */
  start_time: string;
  end_time: string;
  duration_minutes: number;
  facilitator_id: string;
  documented_by: string;
  /** ISO 8601 instant of the signature. */
  documented_at: string;
  attendees: Array<{
    patient_id: string;
    chart_id: string;
    attendance_status: 'present' | 'partial' | 'absent';
    /** 0 for an absent attendee. */
    minutes_attended: number;
  }>;
}
