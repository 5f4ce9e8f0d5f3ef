import { isoDate } from '@cairn/platform/kernel';

import { PART2_NOTICE } from '../../consents/domain/part2-notice.constants';
import type { GenerationStatus, NotBillableReason } from './group-encounter.rules';

/** Why a row shows nothing but its id (42 CFR Part 2). */
export const WITHHELD_REASONS = ['part2_consent_required'] as const;
export type WithheldReason = (typeof WITHHELD_REASONS)[number];

/**
 * A generation as the review list shows it: grouped information of its session, attendee, proposal and flags.
 *
 * 42 CFR Part 2: a row of an SUD-program group that cl_check_sud_consent does not disclose to the caller is
 * *withheld*: it shows only that it exists (`id`), that it is a Part 2 record (`sudProgram`) and why it is withheld
 * (`withheldReason`, `flags.consentRequired`). Every other field is null: the billing code and modifiers (H0005 HF
 * says "SUD group counseling"), attendance and minutes, the session, group, site and date (they name an SUD
 * program's meeting), billability and its detail, review decision and reason (free text), timestamps and version.
 * See libs/cl/README.md "Part 2" for the list and why.
 */
export interface GroupEncounterGenerationView {
  id: string;
  /** Null for a row shown in full; why it shows nothing but its id otherwise. */
  withheldReason: WithheldReason | null;
  groupSessionId: string | null;
  groupId: string | null;
  /** The group's name (null when withheld, or when the caller cannot see the group). */
  groupName: string | null;
  siteId: string | null;
  /** YYYY-MM-DD */
  sessionDate: string | null;
  groupType: string | null;
  modality: string | null;
  sudProgram: boolean;
  /** Null when Part 2 consent is required (the row does not disclose who attended). */
  patientId: string | null;
  /** "First Last", for a caller whose patient scope includes the attendee and who may see the row. */
  patientName: string | null;
  chartId: string | null;
  encounterId: string | null;
  attendanceStatus: 'present' | 'partial' | 'absent' | null;
  minutesAttended: number | null;
  status: GenerationStatus | null;
  proposedCodeSystem: 'CPT' | 'HCPCS' | null;
  proposedCptCode: string | null;
  proposedModifiers: string[] | null;
  billable: boolean | null;
  flags: {
    belowMinimum: boolean | null;
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
  version: number | null;
  createdAt: string | null;
  updatedAt: string | null;
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
  /** Null when the caller cannot see the patient (row-level security of cl_patients) or the group. */
  patient_name: string | null;
  group_name: string | null;
  consented: boolean;
}

/** A withheld row: its id and why, nothing else (see GroupEncounterGenerationView). */
function withheldView(id: string): GroupEncounterGenerationView {
  return {
    id,
    withheldReason: 'part2_consent_required',
    groupSessionId: null,
    groupId: null,
    groupName: null,
    siteId: null,
    sessionDate: null,
    groupType: null,
    modality: null,
    sudProgram: true,
    patientId: null,
    patientName: null,
    chartId: null,
    encounterId: null,
    attendanceStatus: null,
    minutesAttended: null,
    status: null,
    proposedCodeSystem: null,
    proposedCptCode: null,
    proposedModifiers: null,
    billable: null,
    flags: { belowMinimum: null, notBillableReason: null, notBillableDetail: null, consentRequired: true },
    reviewedBy: null,
    reviewedAt: null,
    rejectionReason: null,
    part2Notice: null,
    version: null,
    createdAt: null,
    updatedAt: null,
  };
}

export function toGenerationView(r: GenerationRow): GroupEncounterGenerationView {
  // The decision is made once, here: a withheld row is built from its id alone, so no field of it can leak.
  if (!r.consented) return withheldView(r.id);
  return {
    id: r.id,
    withheldReason: null,
    groupSessionId: r.group_session_id,
    groupId: r.group_id,
    groupName: r.group_name,
    siteId: r.site_id,
    sessionDate: isoDate(r.session_date),
    groupType: r.group_type,
    modality: r.modality,
    sudProgram: r.sud_program,
    patientId: r.patient_id,
    patientName: r.patient_name,
    chartId: r.chart_id,
    encounterId: r.encounter_id,
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
      consentRequired: false,
    },
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at ? r.reviewed_at.toISOString() : null,
    rejectionReason: r.rejection_reason,
    part2Notice: r.sud_program ? PART2_NOTICE : null,
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
