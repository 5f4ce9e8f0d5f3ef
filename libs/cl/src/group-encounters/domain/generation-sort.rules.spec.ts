import { DEFAULT_GENERATION_SORT, GENERATION_SORTS, generationSortOf } from './generation-sort.rules';

describe('review queue sort', () => {
  it('reads field and -field, and defaults to the newest session first', () => {
    expect(generationSortOf(undefined)).toEqual(DEFAULT_GENERATION_SORT);
    expect(generationSortOf('-patient')).toEqual({ field: 'patient', direction: 'desc' });
    expect(generationSortOf('code')).toEqual({ field: 'code', direction: 'asc' });
    expect(GENERATION_SORTS).toContain('-sessionDate');
  });

  it('refuses what is not offered', () => {
    expect(() => generationSortOf('chartId')).toThrow('unknown review queue sort chartId');
  });
});
