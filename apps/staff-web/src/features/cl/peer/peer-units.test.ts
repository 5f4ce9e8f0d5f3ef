import { describe, expect, it } from 'vitest';

import { previewDuration, previewUnits, timedUnits, unitsSentence } from './peer-units';

const AZ = { timedUnitRule: 'midpoint' as const, timedUnitMinutes: 15, name: 'Arizona AHCCCS' };

describe('the duration and units shown before saving', () => {
  it('computes end − start, and says why when the times do not make a duration', () => {
    expect(previewDuration('09:00', '09:53')).toEqual({ minutes: 53 });
    expect(previewDuration('09:00', '09:00')).toEqual({ problem: 'The end time must be after the start time (the same day).' });
    expect(previewDuration('10:00', '09:30')).toHaveProperty('problem');
    expect(previewDuration('9:00', '')).toEqual({ problem: 'Enter a start and an end time.' });
  });

  // The server's table (libs/platform/jurisdiction/src/timed-units.spec.ts): more than half a unit adds one.
  it.each([
    [7, 0],
    [8, 1],
    [15, 1],
    [22, 1],
    [23, 2],
    [37, 2],
    [38, 3],
    [53, 4],
    [60, 4],
  ])('bills %i minutes as %i units under the midpoint and CMS 8-minute rules', (minutes, units) => {
    expect(timedUnits('midpoint', minutes)).toBe(units);
    expect(timedUnits('cms_8_minute', minutes)).toBe(units);
  });

  it('counts whole units only under whole_units, and any basis but per 15 minutes as one unit', () => {
    expect(timedUnits('whole_units', 29)).toBe(1);
    expect(timedUnits('whole_units', 30)).toBe(2);
    expect(timedUnits('midpoint', 20, 10)).toBe(2);
    expect(previewUnits('per_session', 90, AZ)).toBe(1);
    expect(previewUnits('per_15_minutes', 53, AZ)).toBe(4);
  });

  it('says it in a sentence with the rule and the jurisdiction', () => {
    expect(unitsSentence('per_15_minutes', 53, AZ)).toBe('53 minutes = 4 units of 15 minutes, by the midpoint rule of Arizona AHCCCS.');
    expect(unitsSentence('per_15_minutes', 8, { ...AZ, timedUnitRule: 'cms_8_minute', name: 'CMS default' })).toBe(
      '8 minutes = 1 unit of 15 minutes, by the CMS 8-minute rule of CMS default.',
    );
    expect(unitsSentence('per_session', 45, AZ)).toBe('45 minutes = 1 unit (this code is billed once per session).');
  });
});
