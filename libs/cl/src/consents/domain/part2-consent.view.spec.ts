import { consentStatus, denialReason } from './part2-consent.view';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('consentStatus', () => {
  const today = '2026-06-01';
  it('is active from the effective day through the expiry day', () => {
    expect(consentStatus({ revokedAt: null, effectiveOn: d('2026-06-01'), expiresOn: d('2026-06-01') }, today)).toBe('active');
    expect(consentStatus({ revokedAt: null, effectiveOn: d('2026-01-01'), expiresOn: null }, today)).toBe('active');
  });
  it('is pending before, expired after, and revoked whatever the dates', () => {
    expect(consentStatus({ revokedAt: null, effectiveOn: d('2026-06-02'), expiresOn: null }, today)).toBe('pending');
    expect(consentStatus({ revokedAt: null, effectiveOn: d('2026-01-01'), expiresOn: d('2026-05-31') }, today)).toBe('expired');
    expect(consentStatus({ revokedAt: new Date('2026-05-01T10:00:00Z'), effectiveOn: d('2026-01-01'), expiresOn: null }, today)).toBe(
      'revoked',
    );
  });
});

describe('denialReason', () => {
  it('explains a denial from the consents on the chart', () => {
    expect(denialReason([])).toBe('no_consent');
    expect(denialReason(['revoked', 'revoked'])).toBe('revoked');
    expect(denialReason(['revoked', 'expired'])).toBe('expired');
    expect(denialReason(['pending'])).toBe('expired');
    expect(denialReason(['expired', 'active'])).toBe('not_covered');
  });
});
