import { isBillableGroupAttendance, proposeGroupCode, requiredModifiers } from './group-codes';
import type { JurisdictionProfile } from './jurisdiction-profile';

const profile: JurisdictionProfile = {
  key: 'us-az-ahcccs',
  name: 'Arizona (AHCCCS)',
  stateCode: 'AZ',
  isDefault: false,
  payerProgram: 'AHCCCS',
  timedUnitRule: 'midpoint',
  timedUnitMinutes: 15,
  groupMinimumMinutes: 30,
  effectiveFrom: '2024-01-01',
  groupCodes: {
    psychotherapy_group: { system: 'CPT', code: '90853', modifiers: [] },
    multi_family_group: { system: 'CPT', code: '90849', modifiers: [] },
    sud_group_counseling: { system: 'HCPCS', code: 'H0005', modifiers: ['HF'] },
    peer_support_group: { system: 'HCPCS', code: 'H0038', modifiers: [] },
  },
  requiredModifiers: [
    { modifier: 'HQ', when: 'group_setting', codes: ['H0004', 'H0005', 'H0038'] },
    { modifier: 'HF', when: 'sud_program', codes: ['H0004', 'H0005'] },
    { modifier: 'GT', when: 'telehealth_video', codes: null },
  ],
};

describe('proposeGroupCode', () => {
  it('maps a psychotherapy group to 90853 with no group modifier where the rule names only H-codes', () => {
    expect(proposeGroupCode(profile, 'psychotherapy_group')).toEqual({ system: 'CPT', code: '90853', modifiers: [] });
  });

  it('maps SUD group counseling to H0005 with HF and the group-setting HQ, once each', () => {
    expect(proposeGroupCode(profile, 'sud_group_counseling')).toEqual({ system: 'HCPCS', code: 'H0005', modifiers: ['HF', 'HQ'] });
  });

  it('adds the telehealth modifier for a video group', () => {
    expect(proposeGroupCode(profile, 'multi_family_group', { telehealth: true })).toEqual({
      system: 'CPT',
      code: '90849',
      modifiers: ['GT'],
    });
  });

  it('proposes nothing for a group type the profile does not map', () => {
    expect(proposeGroupCode(profile, 'psychosocial_rehabilitation_group')).toBeNull();
  });
});

describe('requiredModifiers and the group minimum', () => {
  it('applies a rule only to its codes and circumstances', () => {
    expect(requiredModifiers(profile, 'H0038', ['group_setting'])).toEqual(['HQ']);
    expect(requiredModifiers(profile, 'H0038', [])).toEqual([]);
    expect(requiredModifiers(profile, '90834', ['group_setting', 'telehealth_video'])).toEqual(['GT']);
  });

  it('bills a group attendance from the minimum minutes on', () => {
    expect(isBillableGroupAttendance(profile, 29)).toBe(false);
    expect(isBillableGroupAttendance(profile, 30)).toBe(true);
  });
});
