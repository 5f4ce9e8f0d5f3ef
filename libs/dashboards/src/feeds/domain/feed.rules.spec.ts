import { InvalidInputError } from '@cairn/platform/kernel';

import { validateFeedValues } from './feed.rules';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    return (e.errors ?? []).map((x) => x.field);
  }
  return [];
};

describe('validateFeedValues', () => {
  const signals = new Set(['lab.turnaround']);

  it('accepts a calendar day and names each day that is none, never throwing a RangeError (0000-00-00 parsed to NaN)', () => {
    expect(fieldsOf(() => validateFeedValues([{ metricKey: 'lab.turnaround', day: '2026-12-05', value: 3 }], signals, new Set()))).toEqual(
      [],
    );
    expect(
      fieldsOf(() =>
        validateFeedValues(
          [
            { metricKey: 'lab.turnaround', day: '0000-00-00', value: 1 },
            { metricKey: 'lab.turnaround', day: '2026-02-30', value: 1 },
            { metricKey: 'lab.turnaround', day: '2026-13-01', value: 1 },
          ],
          signals,
          new Set(),
        ),
      ),
    ).toEqual(['values[0].day', 'values[1].day', 'values[2].day']);
  });
});
