import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  let now = 0;
  const clock = () => now;

  it('answers from the cache until the entry expires, then loads again', async () => {
    now = 0;
    const cache = new TtlCache<number>(1000, 10, clock);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.getOrLoad('k', load)).toBe(1);
    now = 999;
    expect(await cache.getOrLoad('k', load)).toBe(1);
    now = 1000;
    expect(await cache.getOrLoad('k', load)).toBe(2);
  });

  it('drops the oldest entry at its size limit', () => {
    now = 0;
    const cache = new TtlCache<string>(1000, 2, clock);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.set('c', 'C');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 'B', 'C']);
  });

  it('caches nothing with a zero lifetime, and does not cache a failed load', async () => {
    const off = new TtlCache<number>(0, 10, clock);
    off.set('k', 1);
    expect(off.get('k')).toBeUndefined();
    const cache = new TtlCache<number>(1000, 10, clock);
    await expect(
      cache.getOrLoad('k', async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    expect(await cache.getOrLoad('k', async () => 7)).toBe(7);
  });
});
