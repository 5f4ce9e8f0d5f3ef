import { DEMO_ORGS, demoStaffForScale } from './demo-catalogue';
import { demoConsentKind, generateConsents } from './demo-consents';
import { generatePatients, PATIENTS_PER_ORG, REFERENCE_DATE } from './demo-patients';

const records = generatePatients({
  org: DEMO_ORGS.sonoran,
  staff: demoStaffForScale('medium'),
  scale: 'medium',
  seed: 1,
  from: 0,
  to: PATIENTS_PER_ORG.medium,
});
const admin = '00000000-0000-4000-8000-0000000000aa';

describe('generateConsents', () => {
  it('is a pure function of the patients, and only covers Part 2 charts', () => {
    const consents = generateConsents(DEMO_ORGS.sonoran, records, admin);
    expect(generateConsents(DEMO_ORGS.sonoran, records, admin)).toEqual(consents);
    const part2 = new Set(records.filter((r) => r.chart.isPart2).map((r) => r.chart.id));
    expect(consents.every((c) => part2.has(c.chartId))).toBe(true);
  });

  it('leaves some Part 2 patients without a consent and gives others each kind', () => {
    const part2 = records.filter((r) => r.chart.isPart2);
    const kinds = part2.map((r) => demoConsentKind(r.patient.id));
    for (const k of ['none', 'tpo', 'payment_only', 'revoked_tpo', 'expired_specific'] as const) expect(kinds).toContain(k);
    const consents = generateConsents(DEMO_ORGS.sonoran, records, admin);
    expect(consents).toHaveLength(kinds.filter((k) => k !== 'none').length);
  });

  it('makes expired consents end and revoked ones end before the reference date, and TPO ones name all three purposes', () => {
    const consents = generateConsents(DEMO_ORGS.sonoran, records, admin);
    for (const c of consents) {
      if (c.kind === 'expired_specific') expect(c.expiresOn! < REFERENCE_DATE).toBe(true);
      if (c.kind === 'revoked_tpo') expect(c.revokedAt!.slice(0, 10) < REFERENCE_DATE && c.revokedBy === admin).toBe(true);
      if (c.consentType === 'tpo') expect(c.purposes).toEqual(['treatment', 'payment', 'health_care_operations']);
      if (c.kind === 'tpo' || c.kind === 'payment_only') expect(c.revokedAt).toBeNull();
    }
  });
});
