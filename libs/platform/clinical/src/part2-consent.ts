/** CL-11 vocabulary shared with other contexts: types and constants, nothing that runs. */

/**
 * Kinds of record a Part 2 consent can cover, as `cl_check_sud_consent(chart_id, record_type, user_id)`
 * receives them (record types of later features are added here as they arrive). A consent listing '*' covers
 * every type.
 */
export const PART2_RECORD_TYPES = [
  'chart',
  'progress_note',
  'group_encounter',
  'peer_encounter',
  'diagnosis',
  'medication',
  'billing',
] as const;
export type Part2RecordType = (typeof PART2_RECORD_TYPES)[number];

/** Why a consent check allowed or denied (for the audit row and the UI; never PHI). */
export type SudConsentReason =
  | 'not_part2' //       the chart is not under Part 2: no consent needed
  | 'consent_on_file' // an active consent covers this user's role, purpose and the record type
  | 'no_consent' //      no consent was ever recorded for the chart
  | 'revoked' //         every consent of the chart was revoked
  | 'expired' //         none is current: expired, revoked or not yet effective
  | 'not_covered' //     a current consent exists but not for this user's role, purpose or record type
  | 'unknown_chart'; //  no such chart in the caller's organization and scope

export interface SudConsentDecision {
  allowed: boolean;
  reason: SudConsentReason;
  /** True when the chart is a Part 2 record: a disclosure must carry the §2.32 notice. */
  part2: boolean;
  chartId: string | null;
}

/**
 * The notice that must accompany each disclosure of a Part 2 record (42 CFR §2.32(a)(2), the short form the rule
 * allows). Every context that shows a Part 2 record (CL's notes and encounters, PM's charges of Part 2 charts)
 * returns this one text beside it.
 */
export const PART2_REDISCLOSURE_NOTICE = '42 CFR part 2 prohibits unauthorized use or disclosure of these records.';
