import { CHARGE_SORTS, chargeSortOf, DEFAULT_CHARGE_SORT, sortsByHiddenField } from './charge-sort.rules';

describe('charge list sort', () => {
  it('reads field and -field, and defaults to the newest service date first', () => {
    expect(chargeSortOf(undefined)).toEqual(DEFAULT_CHARGE_SORT);
    expect(chargeSortOf('amount')).toEqual({ field: 'amount', direction: 'asc' });
    expect(chargeSortOf('-status')).toEqual({ field: 'status', direction: 'desc' });
    expect(CHARGE_SORTS).toEqual(['serviceDate', '-serviceDate', 'amount', '-amount', 'status', '-status']);
  });

  it('refuses what is not offered (the DTO answers 400 before this)', () => {
    expect(() => chargeSortOf('patientId')).toThrow('unknown charge sort patientId');
    expect(() => chargeSortOf('--amount')).toThrow();
  });

  it('keeps withheld charges apart only when the sort field is one they hide', () => {
    expect(sortsByHiddenField(chargeSortOf('serviceDate'))).toBe(false);
    expect(sortsByHiddenField(chargeSortOf('-amount'))).toBe(true);
    expect(sortsByHiddenField(chargeSortOf('status'))).toBe(true);
  });
});
