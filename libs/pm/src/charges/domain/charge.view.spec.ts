import type { PmRow } from '../../pm.tx';
import { CHARGE_CSV_COLUMNS, chargeCsvRow } from '../http/charges.csv';
import { chargeListAuditScope, viewOfListedCharge } from './charge.view';

const charge = (over: Partial<PmRow<'charge'>> = {}): PmRow<'charge'> =>
  ({
    organizationId: 'org',
    id: 'charge-1',
    sourceType: 'group_encounter_generation',
    sourceId: 'generation-1',
    encounterId: 'encounter-1',
    patientId: 'patient-1',
    chartId: 'chart-1',
    siteId: 'site-1',
    serviceDate: new Date('2026-05-04T00:00:00Z'),
    renderingProviderId: 'provider-1',
    groupSessionId: 'session-1',
    durationMinutes: 47,
    proposedCode: 'H0005',
    proposedModifiers: ['HF', 'HQ'],
    finalCode: 'H0005',
    finalModifiers: ['HF', 'HQ'],
    units: 1,
    unitBasis: 'per_session',
    rateCents: 4200,
    amountCents: 4200,
    status: 'ready',
    holdReason: null,
    feeScheduleEntryId: 'fee-1',
    jurisdictionProfileKey: 'us-az-ahcccs',
    createdAt: new Date('2026-05-04T18:00:00Z'),
    ...over,
  }) as PmRow<'charge'>;

describe('viewOfListedCharge', () => {
  it('shows a consented charge in full, with the §2.32 notice only on a Part 2 chart', () => {
    expect(viewOfListedCharge({ charge: charge(), consented: true, part2: true })).toMatchObject({
      final: { code: 'H0005' },
      patientId: 'patient-1',
      withheldReason: null,
      part2Notice: expect.stringContaining('42 CFR part 2'),
    });
    expect(viewOfListedCharge({ charge: charge(), consented: true, part2: false }).part2Notice).toBeNull();
  });

  it('withholds every value of a charge without consent but its id and why, in JSON and in CSV', () => {
    const v = viewOfListedCharge({ charge: charge(), consented: false, part2: true });
    const shown = Object.fromEntries(Object.entries(v).filter(([, value]) => value !== null));
    expect(shown).toEqual({ id: 'charge-1', consentRequired: true, withheldReason: 'part2_consent_required' });
    const csv = chargeCsvRow(v);
    expect(csv).toHaveLength(CHARGE_CSV_COLUMNS.length);
    expect(csv.filter((c) => c !== null)).toEqual(['charge-1', true, 'part2_consent_required']);
    for (const text of [JSON.stringify(v), JSON.stringify(csv)]) {
      for (const secret of ['H0005', 'HF', '4200', 'generation-1', 'session-1', 'patient-1', 'chart-1', '2026-05-04', 'provider-1']) {
        expect(text).not.toContain(secret);
      }
    }
  });
});

describe('chargeListAuditScope', () => {
  it('names the shown patients only, and lists withheld and disclosed Part 2 charges', () => {
    const items = [
      viewOfListedCharge({ charge: charge({ id: 'a', patientId: 'p-a' }), consented: true, part2: true }),
      viewOfListedCharge({ charge: charge({ id: 'b', patientId: 'p-b' }), consented: false, part2: true }),
      viewOfListedCharge({ charge: charge({ id: 'c', patientId: 'p-c' }), consented: true, part2: false }),
    ];
    expect(chargeListAuditScope(items)).toEqual({
      resultChargeIds: ['a', 'b', 'c'],
      resultPatientIds: ['p-a', 'p-c'],
      part2Withheld: 1,
      part2Denied: true,
      part2WithheldChargeIds: ['b'],
      part2: true,
      part2NoticeApplies: true,
      part2ChargeIds: ['a'],
    });
  });
});
