import type { CodeView } from './code';
import { codeValidityOn } from './code-validity';

const version = (over: Partial<CodeView>): CodeView => ({
  system: 'CPT',
  code: '90834',
  shortDescription: 'x',
  unitBasis: 'per_session',
  minimumMinutes: null,
  maximumMinutes: null,
  effectiveFrom: '2013-01-01',
  effectiveTo: null,
  source: 'national',
  ...over,
});

describe('codeValidityOn', () => {
  it('accepts a day inside a version, its first and last day included', () => {
    const v = version({ effectiveFrom: '2020-01-01', effectiveTo: '2020-12-31' });
    expect(codeValidityOn('90834', '2020-01-01', [v])).toEqual({ valid: true, code: v });
    expect(codeValidityOn('90834', '2020-12-31', [v])).toEqual({ valid: true, code: v });
  });

  it('says a code is unknown when there is no version', () => {
    expect(codeValidityOn('99999', '2026-01-01', [])).toMatchObject({ valid: false, reason: 'unknown_code', code: null });
  });

  it('says when a code ended, naming the last day', () => {
    const v = version({ code: '90806', effectiveFrom: '2000-01-01', effectiveTo: '2012-12-31' });
    expect(codeValidityOn('90806', '2013-01-01', [v])).toMatchObject({
      valid: false,
      reason: 'ended',
      message: '90806 ended on 2012-12-31',
    });
  });

  it('says when a code is not yet effective', () => {
    const v = version({ effectiveFrom: '2027-01-01' });
    expect(codeValidityOn('90834', '2026-06-30', [v])).toMatchObject({ valid: false, reason: 'not_yet_effective', code: v });
  });

  it('picks the version covering the day among several', () => {
    const old = version({ effectiveFrom: '2000-01-01', effectiveTo: '2019-12-31', shortDescription: 'old' });
    const now = version({ effectiveFrom: '2020-01-01', shortDescription: 'new' });
    expect(codeValidityOn('90834', '2019-06-01', [old, now])).toEqual({ valid: true, code: old });
    expect(codeValidityOn('90834', '2024-06-01', [old, now])).toEqual({ valid: true, code: now });
  });

  it('refuses a code of another system than asked', () => {
    expect(codeValidityOn('HQ', '2026-01-01', [version({ system: 'MODIFIER', code: 'HQ', unitBasis: null })], 'CPT')).toMatchObject({
      valid: false,
      reason: 'wrong_system',
    });
  });
});
