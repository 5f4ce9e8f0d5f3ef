import { Part2ConsentInput, part2ConsentProblems } from './part2-consent.rules';

const today = '2026-06-01';
const tpo: Part2ConsentInput = {
  consentType: 'tpo',
  disclosingParty: 'Sonoran Behavioral Health, Opioid Treatment Program',
  informationDescription: 'All substance use disorder treatment records',
  recordTypes: ['*'],
  recipients: [{ type: 'organization', organizationId: '00000000-0000-4000-8000-000000000001' }],
  purposes: ['treatment', 'payment', 'health_care_operations'],
  expirationEvent: 'none',
  signedBy: 'patient',
  signedOn: '2026-05-01',
  statements: ['right_to_revoke', 'redisclosure', 'treatment_not_conditioned'],
};
const fields = (input: Partial<Part2ConsentInput>) => part2ConsentProblems({ ...tpo, ...input }, today).map((p) => p.field);

describe('part2ConsentProblems (42 CFR §2.31)', () => {
  it('accepts a complete TPO consent with no expiration ("none")', () => {
    expect(part2ConsentProblems(tpo, today)).toEqual([]);
  });

  it('requires a TPO consent to name treatment, payment and health care operations', () => {
    const problems = part2ConsentProblems({ ...tpo, purposes: ['treatment'] }, today);
    expect(problems).toEqual([{ field: 'purposes', message: expect.stringContaining('payment, health_care_operations') }]);
    expect(problems[0]!.message).toContain('§2.31(a)(5)');
  });

  it('requires an expiration date or event, and refuses "none" for a specific disclosure', () => {
    expect(fields({ expirationEvent: undefined })).toEqual(['expiresOn']);
    expect(fields({ consentType: 'specific_disclosure', purposes: ['payment'] })).toEqual(['expirationEvent']);
    expect(
      fields({ consentType: 'specific_disclosure', purposes: ['payment'], expiresOn: '2026-12-31', expirationEvent: undefined }),
    ).toEqual([]);
  });

  it('requires each statement the form must contain, naming it', () => {
    const problems = part2ConsentProblems({ ...tpo, statements: ['redisclosure'] }, today);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('right_to_revoke'),
      expect.stringContaining('treatment_not_conditioned'),
    ]);
    expect(problems.every((p) => p.field === 'statements')).toBe(true);
  });

  it('refuses a blank disclosing party or information description', () => {
    expect(fields({ disclosingParty: '  ', informationDescription: '' })).toEqual(['disclosingParty', 'informationDescription']);
  });

  it('refuses a signature in the future and dates out of order', () => {
    expect(fields({ signedOn: '2026-06-02' })).toEqual(['signedOn']);
    expect(fields({ effectiveOn: '2026-04-30' })).toEqual(['effectiveOn']);
    expect(fields({ expiresOn: '2026-04-01', expirationEvent: undefined })).toEqual(['expiresOn']);
  });
});
