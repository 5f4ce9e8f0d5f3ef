import { describe, expect, it } from 'vitest';

import { latestPeriodWithData, quarters } from './quarters';

describe('quarters', () => {
  it('lists calendar quarters newest first, up to the one holding today, with correct last days', () => {
    const q = quarters(new Date(Date.UTC(2026, 4, 15)), 2024);
    expect(q.map((x) => x.label)).toEqual([
      '2026 Q2',
      '2026 Q1',
      '2025 Q4',
      '2025 Q3',
      '2025 Q2',
      '2025 Q1',
      '2024 Q4',
      '2024 Q3',
      '2024 Q2',
      '2024 Q1',
    ]);
    expect(q.find((x) => x.label === '2025 Q4')).toEqual({ label: '2025 Q4', start: '2025-10-01', end: '2025-12-31' });
    expect(q.find((x) => x.label === '2024 Q1')).toEqual({ label: '2024 Q1', start: '2024-01-01', end: '2024-03-31' });
    expect(q.find((x) => x.label === '2025 Q2')?.end).toBe('2025-06-30');
  });
});

describe('latestPeriodWithData', () => {
  const periods = quarters(new Date(Date.UTC(2026, 4, 15)), 2025);
  const report = (answers: Record<string, [rows: number, withheld: number]>) => {
    const asked: string[] = [];
    const fn = async (p: { label: string }) => {
      asked.push(p.label);
      const [rows, withheld] = answers[p.label] ?? [0, 0];
      return { items: Array.from({ length: rows }, () => ({})), suppressedProviderCount: withheld };
    };
    return { asked, fn };
  };

  it('stops at the newest quarter with rows, passing over one whose activity is all withheld', async () => {
    const { asked, fn } = report({ '2026 Q1': [0, 2], '2025 Q4': [3, 1], '2025 Q3': [5, 0] });
    expect((await latestPeriodWithData(periods, fn))?.period.label).toBe('2025 Q4');
    expect(asked).toEqual(['2026 Q2', '2026 Q1', '2025 Q4']);
  });

  it('falls back to the newest quarter with withheld activity, and to null without any activity', async () => {
    expect((await latestPeriodWithData(periods, report({ '2025 Q3': [0, 1], '2026 Q1': [0, 2] }).fn))?.period.label).toBe('2026 Q1');
    expect(await latestPeriodWithData(periods, report({}).fn)).toBeNull();
  });
});
