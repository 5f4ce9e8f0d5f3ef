import { prng, stableUuid } from './deterministic';

describe('deterministic helpers', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = prng(7);
    const b = prng(7);
    const c = prng(8);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('derives the same v4-shaped UUID from the same name', () => {
    expect(stableUuid('org:sonoran')).toBe(stableUuid('org:sonoran'));
    expect(stableUuid('org:sonoran')).not.toBe(stableUuid('org:cascade'));
    expect(stableUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
