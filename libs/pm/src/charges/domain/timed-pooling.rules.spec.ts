import { allocateTimedUnits, timedUnits } from '@cairn/platform/jurisdiction';

import { poolTimedUnits } from './timed-pooling.rules';

const line = (key: string, minutes: number, fixedUnits: number | null = null) => ({ key, minutes, fixedUnits });

describe('poolTimedUnits (CMS 8-minute rule per patient and day)', () => {
  it('pools two 10-minute services into one unit where each alone would bill one (2 -> 1)', () => {
    expect(timedUnits('cms_8_minute', 10) * 2).toBe(2);
    expect([...poolTimedUnits([line('a', 10), line('b', 10)])]).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
  });

  it('gives 7 + 8 minutes one unit, to the larger remainder (7 alone would bill nothing, 8 alone one)', () => {
    expect([...poolTimedUnits([line('a', 7), line('b', 8)])]).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
  });

  it('pools 20 + 20 minutes into 3 units where each alone bills 1 (2 -> 3), the extra unit to the earlier line', () => {
    expect([...poolTimedUnits([line('a', 20), line('b', 20)])]).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('equals allocateTimedUnits when nothing is billed', () => {
    const lines = [line('a', 38), line('b', 22), line('c', 9)];
    const expected = allocateTimedUnits('cms_8_minute', lines).lines.map((l) => [l.key, l.units]);
    expect([...poolTimedUnits(lines)]).toEqual(expected);
  });

  it('keeps a billed line as billed and lets the others share only what is left of the day', () => {
    // 10 (billed, 1 unit) + 10: the day has 1 unit in all, already billed: the new line gets 0, not 1.
    expect([...poolTimedUnits([line('billed', 10, 1), line('new', 10)])]).toEqual([
      ['billed', 1],
      ['new', 0],
    ]);
    // 20 (billed, 1 unit) + 20: 3 units in all, 1 billed: the new line gets 2.
    expect(poolTimedUnits([line('billed', 20, 1), line('new', 20)]).get('new')).toBe(2);
    // A line never drops below its own full units, even when a billed line over-counted.
    expect(poolTimedUnits([line('billed', 8, 3), line('new', 30)]).get('new')).toBe(2);
  });
});
