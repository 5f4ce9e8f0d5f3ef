import { isoDate } from '@cairn/platform/kernel';

import { PART2_NOTICE } from '../../consents/domain/part2-notice.constants';
import type { GenerationStatus, NotBillableReason } from './group-encounter.rules';

/** A generation as the review list shows it: grouped information of its session, attendee, proposal and flags. */
export interface GroupEncounterGenerationView {
  id: string;
  groupSessionId: string;
  groupId: string;
  siteId: string;
  /** YYYY-MM-DD */
  sessionDate: string;
  groupType: string;
  modality: string;
  sudProgram: boolean;
  /** Null when Part 2 consent is required (the row does not disclose who attended). */
  patientId: string | null;
  chartId: string | null;
  encounterId: string | null;
  attendanceStatus: 'present' | 'partial' | 'absent';
  minutesAttended: number;
  status: GenerationStatus;
  proposedCodeSystem: 'CPT' | 'HCPCS' | null;
  proposedCptCode: string | null;
  proposedModifiers: string[];
  billable: boolean;
  flags: {
    belowMinimum: boolean;
    notBillableReason: NotBillableReason | null;
    notBillableDetail: string | null;
    /** 42 CFR Part 2: cl_check_sud_consent does not allow this reviewer this patient's SUD-program record. */
    consentRequired: boolean;
  };
  reviewedBy: string | null;
  reviewedAt: string | null;
  rejectionReason: string | null;
  /** The 42 CFR §2.32 notice on a disclosed Part 2 row. */
  part2Notice: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A row as the review queries read it, with the reviewer's consent decision computed in the same statement. */
export interface GenerationRow {
  organization_id: string;
  id: string;
  group_session_id: string;
  group_id: string;
  site_id: string;
  session_date: Date;
  group_type: string;
  modality: string;
  sud_program: boolean;
  patient_id: string;
  chart_id: string;
  encounter_id: string | null;
  attendance_status: 'present' | 'partial' | 'absent';
  minutes_attended: number;
  status: GenerationStatus;
  proposed_code_system: 'CPT' | 'HCPCS' | null;
  proposed_cpt_code: string | null;
  proposed_modifiers: string[];
  billable: boolean;
  not_billable_reason: NotBillableReason | null;
  not_billable_detail: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  rejection_reason: string | null;
  approval_id: string | null;
  version: number;
  /** 1, plus one per reopened decision (ADR 0011). */
  review_round: number;
  created_at: Date;
  updated_at: Date;
  consented: boolean;
}

export function toGenerationView(r: GenerationRow): GroupEncounterGenerationView {
  const hidden = !r.consented;
  return {
    id: r.id,
    groupSessionId: r.group_session_id,
    groupId: r.group_id,
    siteId: r.site_id,
    sessionDate: isoDate(r.session_date),
    groupType: r.group_type,
    modality: r.modality,
    sudProgram: r.sud_program,
    patientId: hidden ? null : r.patient_id,
    chartId: hidden ? null : r.chart_id,
    encounterId: hidden ? null : r.encounter_id,
    attendanceStatus: r.attendance_status,
    minutesAttended: r.minutes_attended,
    status: r.status,
    proposedCodeSystem: r.proposed_code_system,
    proposedCptCode: r.proposed_cpt_code,
    proposedModifiers: r.proposed_modifiers,
    billable: r.billable,
    flags: {
      belowMinimum: r.not_billable_reason === 'below_minimum_minutes',
      notBillableReason: r.not_billable_reason,
      notBillableDetail: r.not_billable_detail,
      consentRequired: hidden,
    },
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at ? r.reviewed_at.toISOString() : null,
    rejectionReason: r.rejection_reason,
    part2Notice: r.sud_program && !hidden ? PART2_NOTICE : null,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Audit scope of a read or action touching these rows (§2.32: which Part 2 rows were disclosed, which withheld). */
export function part2AuditScope(rows: Pick<GenerationRow, 'id' | 'sud_program' | 'consented'>[]): Record<string, unknown> {
  const disclosed = rows.filter((r) => r.sud_program && r.consented).map((r) => r.id);
  const withheld = rows.filter((r) => !r.consented).map((r) => r.id);
  if (disclosed.length === 0 && withheld.length === 0) return {};
  return {
    part2: true,
    part2NoticeApplies: disclosed.length > 0,
    ...(disclosed.length ? { part2GenerationIds: disclosed } : {}),
    ...(withheld.length ? { consentRequiredIds: withheld } : {}),
  };
}
