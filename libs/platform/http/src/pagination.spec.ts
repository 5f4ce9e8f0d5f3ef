import { pageOf, pageWindow } from './pagination';

describe('pagination', () => {
  it('defaults to page 1 of 50 and computes skip/take', () => {
    expect(pageWindow({})).toEqual({ page: 1, pageSize: 50, skip: 0, take: 50 });
    expect(pageWindow({ page: 3, pageSize: 20 })).toEqual({ page: 3, pageSize: 20, skip: 40, take: 20 });
  });

  it('wraps items with their place in the whole result', () => {
    expect(pageOf(['a'], 41, { page: 2, pageSize: 40 })).toEqual({ items: ['a'], page: 2, pageSize: 40, total: 41 });
  });
});
