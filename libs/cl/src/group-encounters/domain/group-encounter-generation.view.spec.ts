import { GenerationRow, part2AuditScope, toGenerationView } from './group-encounter-generation.view';

const row = (over: Partial<GenerationRow> = {}): GenerationRow => ({
  organization_id: 'org',
  id: 'gen-1',
  group_session_id: 'session-1',
  group_id: 'group-1',
  site_id: 'site-1',
  session_date: new Date('2026-10-26T00:00:00Z'),
  group_type: 'sud_group_counseling',
  modality: 'in_person',
  sud_program: true,
  patient_id: 'patient-1',
  chart_id: 'chart-1',
  encounter_id: 'encounter-1',
  attendance_status: 'partial',
  minutes_attended: 47,
  status: 'pending_review',
  proposed_code_system: 'HCPCS',
  proposed_cpt_code: 'H0005',
  proposed_modifiers: ['HF', 'HQ'],
  billable: true,
  not_billable_reason: null,
  not_billable_detail: null,
  reviewed_by: null,
  reviewed_at: null,
  rejection_reason: 'left early, said the relapse was hard',
  approval_id: null,
  version: 3,
  review_round: 1,
  created_at: new Date('2026-10-26T18:00:00Z'),
  updated_at: new Date('2026-10-26T18:05:00Z'),
  patient_name: 'Iris Example',
  group_name: 'Opioid Recovery Circle',
  consented: true,
  ...over,
});

describe('toGenerationView', () => {
  it('shows a consented Part 2 row in full, with its names and the §2.32 notice', () => {
    const v = toGenerationView(row());
    expect(v).toMatchObject({
      withheldReason: null,
      patientId: 'patient-1',
      patientName: 'Iris Example',
      groupName: 'Opioid Recovery Circle',
      proposedCptCode: 'H0005',
      minutesAttended: 47,
      part2Notice: expect.stringContaining('42 CFR part 2'),
      flags: { consentRequired: false },
    });
    expect(toGenerationView(row({ sud_program: false })).part2Notice).toBeNull();
  });

  it('withholds every value of a row without consent but its id and why', () => {
    const v = toGenerationView(row({ consented: false }));
    const shown = Object.entries(v).filter(([k, value]) => value !== null && k !== 'flags');
    expect(Object.fromEntries(shown)).toEqual({ id: 'gen-1', withheldReason: 'part2_consent_required', sudProgram: true });
    expect(v.flags).toEqual({ belowMinimum: null, notBillableReason: null, notBillableDetail: null, consentRequired: true });
    const text = JSON.stringify(v);
    for (const secret of ['H0005', 'HF', '47', 'session-1', 'group-1', 'Opioid', 'patient-1', 'Iris', 'relapse', '2026-10-26']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('part2AuditScope', () => {
  it('lists disclosed and withheld Part 2 rows apart, and nothing for rows outside Part 2', () => {
    expect(part2AuditScope([row({ id: 'a' }), row({ id: 'b', consented: false })])).toEqual({
      part2: true,
      part2NoticeApplies: true,
      part2GenerationIds: ['a'],
      consentRequiredIds: ['b'],
    });
    expect(part2AuditScope([row({ sud_program: false })])).toEqual({});
  });
});
