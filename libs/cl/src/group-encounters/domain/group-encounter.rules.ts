import type { ClGroupSessionDocumentedV1 } from '@cairn/platform/clinical';
import type { CodeValidity } from '@cairn/platform/code-library';
import {
  GROUP_TYPES,
  GroupType,
  isBillableGroupAttendance,
  JurisdictionProfile,
  ProposedGroupCode,
  proposeGroupCode,
} from '@cairn/platform/jurisdiction';

/** Review states (pending_review -> approved | rejected); absent attendees are tracked as not_generated (terminal). */
export const GENERATION_STATUSES = ['pending_review', 'approved', 'rejected', 'not_generated'] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];

/** Why a generation cannot be billed (and so cannot be approved). */
export const NOT_BILLABLE_REASONS = ['absent', 'below_minimum_minutes', 'no_code_mapping', 'invalid_code'] as const;
export type NotBillableReason = (typeof NOT_BILLABLE_REASONS)[number];

/** The code the session's group type proposes, and what the code library says about it on the session date. */
export interface SessionProposal {
  proposal: ProposedGroupCode | null;
  /** Null when there is no proposal to validate. */
  validity: CodeValidity | null;
}

/** One row to insert for one rostered attendee. */
export interface PlannedGeneration {
  patientId: string;
  chartId: string;
  attendanceStatus: 'present' | 'partial' | 'absent';
  minutesAttended: number;
  status: 'pending_review' | 'not_generated';
  proposedCodeSystem: 'CPT' | 'HCPCS' | null;
  proposedCptCode: string | null;
  proposedModifiers: string[];
  billable: boolean;
  notBillableReason: NotBillableReason | null;
  notBillableDetail: string | null;
}

export const isGroupType = (value: string): value is GroupType => (GROUP_TYPES as readonly string[]).includes(value);

/** The session's proposal under the profile (advisory: PM-07 has the final say at charge capture). */
export function proposeForSession(
  profile: JurisdictionProfile,
  session: Pick<ClGroupSessionDocumentedV1, 'group_type' | 'modality' | 'sud_program'>,
): ProposedGroupCode | null {
  if (!isGroupType(session.group_type)) return null;
  return proposeGroupCode(profile, session.group_type, {
    telehealth: session.modality === 'telehealth_video',
    sudProgram: session.sud_program,
  });
}

/**
 * What generation records for each rostered attendee (the seed's data flow): absent -> tracked, no encounter;
 * present/partial under the profile's minimum minutes -> tracked, flagged not billable, no code proposed;
 * otherwise the session's proposal, flagged not billable when the profile maps no code or the code library
 * says the code is not billable on the session date.
 */
export function planGenerations(
  session: ClGroupSessionDocumentedV1,
  profile: JurisdictionProfile,
  { proposal, validity }: SessionProposal,
): PlannedGeneration[] {
  return session.attendees.map((a): PlannedGeneration => {
    const base = {
      patientId: a.patient_id,
      chartId: a.chart_id,
      attendanceStatus: a.attendance_status,
      minutesAttended: a.minutes_attended,
    };
    const noCode = { proposedCodeSystem: null, proposedCptCode: null, proposedModifiers: [] as string[] };
    if (a.attendance_status === 'absent') {
      return {
        ...base,
        ...noCode,
        status: 'not_generated',
        billable: false,
        notBillableReason: 'absent',
        notBillableDetail: 'Absent: no encounter is generated.',
      };
    }
    if (!isBillableGroupAttendance(profile, a.minutes_attended)) {
      return {
        ...base,
        ...noCode,
        status: 'pending_review',
        billable: false,
        notBillableReason: 'below_minimum_minutes',
        notBillableDetail: `${a.minutes_attended} minutes attended; the ${profile.name} profile requires at least ${profile.groupMinimumMinutes} for a billable group encounter.`,
      };
    }
    if (!proposal) {
      return {
        ...base,
        ...noCode,
        status: 'pending_review',
        billable: false,
        notBillableReason: 'no_code_mapping',
        notBillableDetail: `The ${profile.name} profile maps no code to the group type ${session.group_type}.`,
      };
    }
    const code = { proposedCodeSystem: proposal.system, proposedCptCode: proposal.code, proposedModifiers: [...proposal.modifiers] };
    if (validity && !validity.valid) {
      return {
        ...base,
        ...code,
        status: 'pending_review',
        billable: false,
        notBillableReason: 'invalid_code',
        notBillableDetail: validity.message,
      };
    }
    return { ...base, ...code, status: 'pending_review', billable: true, notBillableReason: null, notBillableDetail: null };
  });
}

/** What a reviewer's action needs to know about a row. */
export interface ReviewableRow {
  status: GenerationStatus;
  billable: boolean;
  /** cl_check_sud_consent allows the reviewer this row (always true outside SUD programs). */
  consented: boolean;
}

export type ApprovalDecision = 'approve' | 'already_approved' | 'conflict' | 'not_billable' | 'consent_required';
export type RejectionDecision = 'reject' | 'already_rejected' | 'conflict' | 'consent_required';

/** The state machine's answer to "approve this row". Part 2 comes first: without consent nothing else is said. */
export function approvalDecision(row: ReviewableRow): ApprovalDecision {
  if (!row.consented) return 'consent_required';
  switch (row.status) {
    case 'approved':
      return 'already_approved';
    case 'rejected':
      return 'conflict';
    case 'not_generated':
      return 'not_billable';
    case 'pending_review':
      return row.billable ? 'approve' : 'not_billable';
  }
}

/** The state machine's answer to "reject this row". Non-billable pending rows can be rejected (that closes them). */
export function rejectionDecision(row: ReviewableRow): RejectionDecision {
  if (!row.consented) return 'consent_required';
  switch (row.status) {
    case 'rejected':
      return 'already_rejected';
    case 'approved':
    case 'not_generated':
      return 'conflict';
    case 'pending_review':
      return 'reject';
  }
}

/**
 * After a code edit: a row flagged only for its code (no mapping, invalid code) becomes billable with a valid
 * code; attendance reasons (absent, below the minimum minutes) stay, whatever the code.
 */
export function billabilityAfterCodeEdit(reason: NotBillableReason | null): {
  billable: boolean;
  notBillableReason: NotBillableReason | null;
  clearDetail: boolean;
} {
  if (reason === 'absent' || reason === 'below_minimum_minutes') return { billable: false, notBillableReason: reason, clearDetail: false };
  return { billable: true, notBillableReason: null, clearDetail: true };
}
