import { describe, expect, it } from 'vitest';

import { quarters } from './quarters';

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
