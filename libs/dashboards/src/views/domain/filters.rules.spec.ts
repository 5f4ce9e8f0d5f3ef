import { ForbiddenError, InvalidInputError } from '@cairn/platform/kernel';

import { filterOutsideScope, isFiltered, ownFiguresOnly, resolveFilters, type Caller } from './filters.rules';

const NOW = new Date('2026-12-05T14:30:00Z'); // a Saturday (UTC); 07:30 in Phoenix

const errorsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    return ((e as InvalidInputError).errors ?? []).map((x) => x.field);
  }
  return [];
};

describe('resolveFilters', () => {
  it('defaults to today in the organization time zone', () => {
    expect(resolveFilters({}, new Date('2026-12-06T03:00:00Z'), 'America/Phoenix')).toMatchObject({
      range: 'today',
      from: '2026-12-05',
      to: '2026-12-05',
    });
  });

  it('this week runs Monday to Sunday', () => {
    expect(resolveFilters({ range: 'this-week' }, NOW, 'UTC')).toMatchObject({ from: '2026-11-30', to: '2026-12-06' });
  });

  it('a custom range needs both days, in order, at most 366 days', () => {
    expect(resolveFilters({ from: '2026-01-01', to: '2026-01-31' }, NOW, 'UTC')).toMatchObject({
      range: 'custom',
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(errorsOf(() => resolveFilters({ range: 'custom', from: '2026-01-01' }, NOW, 'UTC'))).toEqual(['to']);
    expect(errorsOf(() => resolveFilters({ from: '2026-02-01', to: '2026-01-01' }, NOW, 'UTC'))).toEqual(['to']);
    expect(errorsOf(() => resolveFilters({ from: '2024-01-01', to: '2026-01-01' }, NOW, 'UTC'))).toEqual(['to']);
    expect(errorsOf(() => resolveFilters({ from: '2026-02-30', to: '2026-03-01' }, NOW, 'UTC'))).toEqual(['from']);
    expect(errorsOf(() => resolveFilters({ range: 'today', from: '2026-01-01' }, NOW, 'UTC'))).toEqual(['from']);
  });

  it('names a day that is no day (0000-00-00, month 13) as the field, never throws a RangeError (the fuzz found a 500)', () => {
    expect(errorsOf(() => resolveFilters({ to: '0000-00-00' }, NOW, 'UTC'))).toEqual(['from', 'to']);
    expect(errorsOf(() => resolveFilters({ from: '2026-13-01', to: '2026-00-01' }, NOW, 'UTC'))).toEqual(['from', 'to']);
  });
});

describe('scope of filters', () => {
  const practitioner: Caller = { userId: 'u1', roles: ['clinician'], sites: ['s1'], crossSite: false };
  const manager: Caller = { userId: 'm1', roles: ['practice_manager'], sites: 'all', crossSite: true };
  const base = { range: 'today' as const, from: '2026-12-05', to: '2026-12-05', siteId: null, providerId: null };

  it('refuses another provider for a practitioner, never for a manager', () => {
    expect(filterOutsideScope({ ...base, providerId: 'u2' }, practitioner)).toBeInstanceOf(ForbiddenError);
    expect(filterOutsideScope({ ...base, providerId: 'u1' }, practitioner)).toBeNull();
    expect(filterOutsideScope({ ...base, providerId: 'u2' }, manager)).toBeNull();
  });

  it("refuses a site outside the caller's sites", () => {
    expect(filterOutsideScope({ ...base, siteId: 's2' }, practitioner)?.errors?.[0]?.field).toBe('siteId');
    expect(filterOutsideScope({ ...base, siteId: 's1' }, practitioner)).toBeNull();
  });

  it('own figures only when every role is a practitioner role', () => {
    expect(ownFiguresOnly(practitioner)).toBe(true);
    expect(ownFiguresOnly({ ...practitioner, roles: ['clinician', 'practice_manager'] })).toBe(false);
  });

  it('a view is Filtered when any non-default filter is set', () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ range: 'today' })).toBe(false);
    expect(isFiltered({ range: 'this-week' })).toBe(true);
    expect(isFiltered({ siteId: 's1' })).toBe(true);
  });
});
