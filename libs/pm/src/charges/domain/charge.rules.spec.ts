import type { JurisdictionProfile } from '@cairn/platform/jurisdiction';

import { applyCrosswalk, decideCharge, FeeEntry, matchFeeEntry, normalizeModifiers, periodsOverlap, unitsFor } from './charge.rules';

const entry = (over: Partial<FeeEntry>): FeeEntry => ({
  id: 'e',
  code: 'H0005',
  modifierMatch: 'any',
  modifiers: [],
  effectiveFrom: '2025-01-01',
  effectiveTo: null,
  rateCents: 2500,
  unitBasis: 'per_15_minutes',
  crosswalkCode: null,
  crosswalkModifierMode: null,
  crosswalkModifiers: [],
  ...over,
});
// The two seeded unit rules, as GetJurisdictionProfileQuery returns them.
const cms: Pick<JurisdictionProfile, 'timedUnitRule' | 'timedUnitMinutes'> = { timedUnitRule: 'cms_8_minute', timedUnitMinutes: 15 };
const azMidpoint: Pick<JurisdictionProfile, 'timedUnitRule' | 'timedUnitMinutes'> = { timedUnitRule: 'midpoint', timedUnitMinutes: 15 };
const wholeUnits: Pick<JurisdictionProfile, 'timedUnitRule' | 'timedUnitMinutes'> = { timedUnitRule: 'whole_units', timedUnitMinutes: 15 };

describe('normalizeModifiers', () => {
  it('upper-cases, trims, drops repeats and sorts, so HQ,hf and HF,HQ are the same key', () => {
    expect(normalizeModifiers(['HQ', ' hf', 'HQ'])).toEqual(['HF', 'HQ']);
    expect(normalizeModifiers([])).toEqual([]);
  });
});

describe('matchFeeEntry: the most specific entry in effect wins', () => {
  const any = entry({ id: 'any' });
  const exactHfHq = entry({ id: 'hf-hq', modifierMatch: 'exact', modifiers: ['HF', 'HQ'] });
  const exactNone = entry({ id: 'none', modifierMatch: 'exact', modifiers: [] });

  it('prefers an entry requiring exactly the proposed modifiers, in any order', () => {
    expect(matchFeeEntry([any, exactHfHq], 'H0005', ['HQ', 'HF'], '2026-01-01')?.id).toBe('hf-hq');
  });

  it('falls back to the any-modifiers entry when no exact entry matches', () => {
    expect(matchFeeEntry([any, exactHfHq], 'H0005', ['HF'], '2026-01-01')?.id).toBe('any');
  });

  it('treats an exact entry with no modifiers as matching only a proposal with none', () => {
    expect(matchFeeEntry([exactNone], 'H0005', [], '2026-01-01')?.id).toBe('none');
    expect(matchFeeEntry([exactNone], 'H0005', ['HQ'], '2026-01-01')).toBeNull();
  });

  it('matches nothing for another code', () => {
    expect(matchFeeEntry([any], '90853', [], '2026-01-01')).toBeNull();
  });

  it('applies an entry from its first day through its last day only', () => {
    const bounded = entry({ effectiveFrom: '2025-03-01', effectiveTo: '2025-03-31' });
    expect(matchFeeEntry([bounded], 'H0005', [], '2025-02-28')).toBeNull();
    expect(matchFeeEntry([bounded], 'H0005', [], '2025-03-01')).toBe(bounded);
    expect(matchFeeEntry([bounded], 'H0005', [], '2025-03-31')).toBe(bounded);
    expect(matchFeeEntry([bounded], 'H0005', [], '2025-04-01')).toBeNull();
  });

  it('picks the version of a rate in effect on the service date', () => {
    const old = entry({ id: 'old', effectiveTo: '2025-12-31', rateCents: 2000 });
    const now = entry({ id: 'new', effectiveFrom: '2026-01-01', rateCents: 2600 });
    expect(matchFeeEntry([old, now], 'H0005', [], '2025-12-31')?.id).toBe('old');
    expect(matchFeeEntry([old, now], 'H0005', [], '2026-01-01')?.id).toBe('new');
  });
});

describe('periodsOverlap', () => {
  it('counts a shared first or last day and open ends as overlap', () => {
    expect(
      periodsOverlap({ effectiveFrom: '2025-01-01', effectiveTo: '2025-06-30' }, { effectiveFrom: '2025-06-30', effectiveTo: null }),
    ).toBe(true);
    expect(
      periodsOverlap({ effectiveFrom: '2025-01-01', effectiveTo: '2025-06-29' }, { effectiveFrom: '2025-06-30', effectiveTo: null }),
    ).toBe(false);
    expect(
      periodsOverlap({ effectiveFrom: '2025-01-01', effectiveTo: null }, { effectiveFrom: '2030-01-01', effectiveTo: '2030-01-02' }),
    ).toBe(true);
  });
});

describe('applyCrosswalk', () => {
  it('keeps the proposal when the entry has no crosswalk', () => {
    expect(applyCrosswalk(entry({}), 'H0005', ['HQ', 'HF'])).toEqual({ code: 'H0005', modifiers: ['HF', 'HQ'] });
  });

  it('adds a payer-required modifier (H0005 HF billed as H0005 HF HQ)', () => {
    expect(applyCrosswalk(entry({ crosswalkModifierMode: 'add', crosswalkModifiers: ['HQ'] }), 'H0005', ['HF'])).toEqual({
      code: 'H0005',
      modifiers: ['HF', 'HQ'],
    });
  });

  it('bills another code with exactly the crosswalk modifiers when told to replace', () => {
    const x = entry({ code: '90853', crosswalkCode: 'H0005', crosswalkModifierMode: 'replace', crosswalkModifiers: ['HQ'] });
    expect(applyCrosswalk(x, '90853', ['95'])).toEqual({ code: 'H0005', modifiers: ['HQ'] });
  });

  it('bills another code and keeps the proposed modifiers when only the code is crosswalked', () => {
    expect(applyCrosswalk(entry({ code: '90849', crosswalkCode: '90853' }), '90849', ['GT'])).toEqual({ code: '90853', modifiers: ['GT'] });
  });
});

describe('unitsFor: timed codes follow the profile rule; other bases bill one unit', () => {
  const minutes = [7, 8, 22, 23];
  it('per 15 minutes under the CMS 8-minute rule: 7 -> 0, 8 -> 1, 22 -> 1, 23 -> 2', () => {
    expect(minutes.map((m) => unitsFor('per_15_minutes', m, cms))).toEqual([0, 1, 1, 2]);
  });
  it('per 15 minutes under the midpoint rule (AHCCCS): 7 -> 0, 8 -> 1, 22 -> 1, 23 -> 2', () => {
    expect(minutes.map((m) => unitsFor('per_15_minutes', m, azMidpoint))).toEqual([0, 1, 1, 2]);
  });
  it('per 15 minutes under whole units only: 7 -> 0, 8 -> 0, 22 -> 1, 23 -> 1', () => {
    expect(minutes.map((m) => unitsFor('per_15_minutes', m, wholeUnits))).toEqual([0, 0, 1, 1]);
  });
  it('per session, per diem and per encounter bill one unit whatever the minutes', () => {
    for (const basis of ['per_session', 'per_diem', 'per_encounter'] as const) expect(unitsFor(basis, 7, cms)).toBe(1);
  });
});

describe('decideCharge', () => {
  const proposal = { code: 'H0005', modifiers: ['HQ', 'HF'], durationMinutes: 60, serviceDate: '2026-02-10', today: '2026-02-10' };

  it('prices a timed code: units by the rule times the rate, with the crosswalked code', () => {
    const e = entry({ id: 'e1', modifierMatch: 'exact', modifiers: ['HF', 'HQ'], rateCents: 1875 });
    expect(decideCharge(proposal, [e], azMidpoint)).toEqual({
      status: 'ready',
      holdReason: null,
      finalCode: 'H0005',
      finalModifiers: ['HF', 'HQ'],
      units: 4,
      unitBasis: 'per_15_minutes',
      rateCents: 1875,
      amountCents: 7500,
      feeScheduleEntryId: 'e1',
    });
  });

  it('bills a per-session code once', () => {
    const e = entry({ code: '90853', unitBasis: 'per_session', rateCents: 4200 });
    expect(decideCharge({ ...proposal, code: '90853', modifiers: [] }, [e], cms)).toMatchObject({
      status: 'ready',
      units: 1,
      amountCents: 4200,
    });
  });

  it('holds a code with no fee schedule entry, with the reason, keeping no final code', () => {
    expect(decideCharge({ ...proposal, code: 'H0038' }, [entry({})], cms)).toEqual({
      status: 'on_hold',
      holdReason: 'no_fee_schedule_entry',
      finalCode: null,
      finalModifiers: [],
      units: 0,
      unitBasis: null,
      rateCents: null,
      amountCents: null,
      feeScheduleEntryId: null,
    });
  });

  it('holds a code with no fee schedule entry with the units the code library basis gives (H2017, 60 minutes -> 4)', () => {
    expect(
      decideCharge({ ...proposal, code: 'H2017', modifiers: [], codeUnitBasis: 'per_15_minutes' }, [entry({})], azMidpoint),
    ).toMatchObject({ status: 'on_hold', holdReason: 'no_fee_schedule_entry', units: 4, unitBasis: 'per_15_minutes', finalCode: null });
    expect(decideCharge({ ...proposal, code: 'H2017', durationMinutes: -1, codeUnitBasis: 'per_15_minutes' }, [], cms)).toMatchObject({
      holdReason: 'no_fee_schedule_entry',
      units: 0,
    });
  });

  it('never makes a charge ready for a service date after today (held future_service_date, priced for the record)', () => {
    const e = entry({ id: 'e1', modifierMatch: 'exact', modifiers: ['HF', 'HQ'], rateCents: 1875 });
    expect(decideCharge({ ...proposal, serviceDate: '2026-02-11' }, [e], azMidpoint)).toMatchObject({
      status: 'on_hold',
      holdReason: 'future_service_date',
      units: 4,
      amountCents: 7500,
    });
    expect(decideCharge({ ...proposal, serviceDate: '2027-01-04' }, [e], azMidpoint).status).toBe('on_hold');
    // Today itself bills (the session has ended: CL documents only then).
    expect(decideCharge(proposal, [e], azMidpoint).status).toBe('ready');
  });

  it('holds a timed service the rule gives zero units (7 minutes), and bills 8 minutes', () => {
    expect(decideCharge({ ...proposal, durationMinutes: 7 }, [entry({})], cms)).toMatchObject({
      status: 'on_hold',
      holdReason: 'zero_units',
      units: 0,
      finalCode: 'H0005',
    });
    expect(decideCharge({ ...proposal, durationMinutes: 8 }, [entry({})], cms)).toMatchObject({
      status: 'ready',
      units: 1,
      amountCents: 2500,
    });
  });

  it('holds a service whose minutes are not a whole number of 0 or more instead of throwing', () => {
    expect(decideCharge({ ...proposal, durationMinutes: -3 }, [entry({})], cms)).toMatchObject({
      status: 'on_hold',
      holdReason: 'invalid_duration',
    });
    expect(decideCharge({ ...proposal, durationMinutes: 7.5 }, [entry({})], cms)).toMatchObject({
      status: 'on_hold',
      holdReason: 'invalid_duration',
    });
  });
});
