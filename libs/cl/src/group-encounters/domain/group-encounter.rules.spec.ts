import type { ClGroupSessionDocumentedV1 } from '@cairn/platform/clinical';
import type { CodeValidity } from '@cairn/platform/code-library';
import type { JurisdictionProfile } from '@cairn/platform/jurisdiction';

import {
  approvalDecision,
  billabilityAfterCodeEdit,
  GENERATION_STATUSES,
  GenerationStatus,
  planGenerations,
  proposeForSession,
  rejectionDecision,
} from './group-encounter.rules';

const AZ: JurisdictionProfile = {
  key: 'us-az-ahcccs',
  name: 'Arizona (AHCCCS)',
  stateCode: 'AZ',
  isDefault: false,
  payerProgram: null,
  timedUnitRule: 'midpoint',
  timedUnitMinutes: 15,
  groupMinimumMinutes: 30,
  effectiveFrom: '2024-01-01',
  groupCodes: {
    psychotherapy_group: { system: 'CPT', code: '90853', modifiers: [] },
    sud_group_counseling: { system: 'HCPCS', code: 'H0005', modifiers: ['HF'] },
  },
  requiredModifiers: [
    { modifier: 'HQ', when: 'group_setting', codes: ['H0005'] },
    { modifier: 'GT', when: 'telehealth_video', codes: null },
  ],
};

const session = (over: Partial<ClGroupSessionDocumentedV1> = {}): ClGroupSessionDocumentedV1 => ({
  organization_id: 'o',
  session_id: 's',
  group_id: 'g',
  site_id: 'site',
  group_type: 'psychotherapy_group',
  sud_program: false,
  modality: 'in_person',
  session_date: '2026-11-20',
  start_time: '10:00',
  end_time: '11:00',
  duration_minutes: 60,
  facilitator_id: 'f',
  documented_by: 'f',
  documented_at: '2026-11-20T12:00:00Z',
  attendees: [
    { patient_id: 'p1', chart_id: 'c1', attendance_status: 'present', minutes_attended: 60 },
    { patient_id: 'p2', chart_id: 'c2', attendance_status: 'partial', minutes_attended: 35 },
    { patient_id: 'p3', chart_id: 'c3', attendance_status: 'partial', minutes_attended: 20 },
    { patient_id: 'p4', chart_id: 'c4', attendance_status: 'absent', minutes_attended: 0 },
  ],
  ...over,
});

const VALID: CodeValidity = {
  valid: true,
  code: {
    system: 'CPT',
    code: '90853',
    shortDescription: 'Group psychotherapy',
    unitBasis: 'per_session',
    minimumMinutes: null,
    maximumMinutes: null,
    effectiveFrom: '2000-01-01',
    effectiveTo: null,
    source: 'national',
  },
};

describe('proposal rules', () => {
  it('proposes the profile code for the group type, adding the modifiers the circumstances require', () => {
    expect(proposeForSession(AZ, session())).toEqual({ system: 'CPT', code: '90853', modifiers: [] });
    expect(proposeForSession(AZ, session({ group_type: 'sud_group_counseling', modality: 'telehealth_video', sud_program: true }))).toEqual(
      { system: 'HCPCS', code: 'H0005', modifiers: ['HF', 'HQ', 'GT'] },
    );
  });

  it('proposes nothing for a group type the profile does not map, or one it does not know', () => {
    expect(proposeForSession(AZ, session({ group_type: 'peer_support_group' }))).toBeNull();
    expect(proposeForSession(AZ, session({ group_type: 'karaoke' }))).toBeNull();
  });

  it('tracks every attendee: billable present/partial rows pending review, a below-minimum partial flagged without a code, absent not generated', () => {
    const s = session();
    const rows = planGenerations(s, AZ, { proposal: proposeForSession(AZ, s), validity: VALID });
    expect(rows.map((r) => [r.patientId, r.status, r.billable, r.notBillableReason, r.proposedCptCode])).toEqual([
      ['p1', 'pending_review', true, null, '90853'],
      ['p2', 'pending_review', true, null, '90853'],
      ['p3', 'pending_review', false, 'below_minimum_minutes', null],
      ['p4', 'not_generated', false, 'absent', null],
    ]);
    expect(rows[2]!.notBillableDetail).toBe(
      '20 minutes attended; the Arizona (AHCCCS) profile requires at least 30 for a billable group encounter.',
    );
  });

  it('counts the minimum inclusively (30 of 30 minutes is billable)', () => {
    const s = session({ attendees: [{ patient_id: 'p', chart_id: 'c', attendance_status: 'partial', minutes_attended: 30 }] });
    expect(planGenerations(s, AZ, { proposal: proposeForSession(AZ, s), validity: VALID })[0]!.billable).toBe(true);
  });

  it('flags rows not billable when the code library says the code is not billable on the session date, keeping the code for the reviewer', () => {
    const s = session();
    const ended: CodeValidity = { valid: false, reason: 'ended', message: '90853 ended on 2025-12-31', code: null };
    const [row] = planGenerations(s, AZ, { proposal: proposeForSession(AZ, s), validity: ended });
    expect(row).toMatchObject({
      status: 'pending_review',
      billable: false,
      notBillableReason: 'invalid_code',
      notBillableDetail: '90853 ended on 2025-12-31',
      proposedCptCode: '90853',
    });
  });

  it('flags rows not billable when the profile maps no code to the group type', () => {
    const s = session({ group_type: 'peer_support_group' });
    const [row] = planGenerations(s, AZ, { proposal: null, validity: null });
    expect(row).toMatchObject({ billable: false, notBillableReason: 'no_code_mapping', proposedCptCode: null, proposedModifiers: [] });
  });
});

describe('review state machine', () => {
  const row = (status: GenerationStatus, billable = true, consented = true) => ({ status, billable, consented });

  it('approves a billable pending row; approving again is already_approved; a rejected row conflicts', () => {
    expect(approvalDecision(row('pending_review'))).toBe('approve');
    expect(approvalDecision(row('approved'))).toBe('already_approved');
    expect(approvalDecision(row('rejected'))).toBe('conflict');
  });

  it('refuses to approve non-billable and absent rows', () => {
    expect(approvalDecision(row('pending_review', false))).toBe('not_billable');
    expect(approvalDecision(row('not_generated', false))).toBe('not_billable');
  });

  it('says consent_required before anything else for a Part 2 row without consent', () => {
    for (const s of GENERATION_STATUSES) {
      expect(approvalDecision(row(s, true, false))).toBe('consent_required');
      expect(rejectionDecision(row(s, true, false))).toBe('consent_required');
    }
  });

  it('rejects pending rows (billable or not); rejecting again is already_rejected; an approved or absent row conflicts', () => {
    expect(rejectionDecision(row('pending_review'))).toBe('reject');
    expect(rejectionDecision(row('pending_review', false))).toBe('reject');
    expect(rejectionDecision(row('rejected'))).toBe('already_rejected');
    expect(rejectionDecision(row('approved'))).toBe('conflict');
    expect(rejectionDecision(row('not_generated', false))).toBe('conflict');
  });

  it('makes a row flagged only for its code billable after a valid edit, but never one flagged for attendance', () => {
    expect(billabilityAfterCodeEdit('invalid_code')).toEqual({ billable: true, notBillableReason: null, clearDetail: true });
    expect(billabilityAfterCodeEdit('no_code_mapping')).toEqual({ billable: true, notBillableReason: null, clearDetail: true });
    expect(billabilityAfterCodeEdit(null)).toEqual({ billable: true, notBillableReason: null, clearDetail: true });
    expect(billabilityAfterCodeEdit('below_minimum_minutes')).toEqual({
      billable: false,
      notBillableReason: 'below_minimum_minutes',
      clearDetail: false,
    });
    expect(billabilityAfterCodeEdit('absent')).toEqual({ billable: false, notBillableReason: 'absent', clearDetail: false });
  });
});
