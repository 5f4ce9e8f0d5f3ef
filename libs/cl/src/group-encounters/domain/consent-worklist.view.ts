import { PART2_NOTICE } from '../../consents/domain/part2-notice.constants';
import type { ConsentWorklistRow } from '../infrastructure/group-encounter-generation.repository';

/**
 * One patient on the consent worklist: whose Part 2 chart needs a consent covering `group_encounter` records for
 * the reviewers, and how many generations wait for it. Deliberately no session, date, group or code: the worklist
 * names the chart a consent must be recorded on, not the records it would disclose.
 */
export interface ConsentWorklistItemView {
  patientId: string;
  chartId: string;
  patientName: string;
  /** Generations pending review that no approver of their site may see yet. */
  waitingCount: number;
  /** The record type the missing consent must cover. */
  recordType: 'group_encounter';
  /** §2.32: the entry says the patient has SUD-program records. */
  part2Notice: string;
}

export function toConsentWorklistItem(r: ConsentWorklistRow): ConsentWorklistItemView {
  return {
    patientId: r.patient_id,
    chartId: r.chart_id,
    patientName: r.patient_name,
    waitingCount: r.waiting,
    recordType: 'group_encounter',
    part2Notice: PART2_NOTICE,
  };
}
