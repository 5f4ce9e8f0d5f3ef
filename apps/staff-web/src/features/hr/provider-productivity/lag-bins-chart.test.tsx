import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { LagBinsChart } from './lag-bins-chart';

describe('LagBinsChart', () => {
  it('gives the bins one text alternative and draws bars relative to the largest bin', () => {
    const { container } = render(<LagBinsChart bins={{ under24h: 10, atLeast24h: 5 }} />);
    const img = screen.getByRole('img');
    expect(img.getAttribute('aria-label')).toBe('Notes signed: 10 under 24 h, 5 24 h or more');
    const widths = [...container.querySelectorAll<HTMLElement>('.lag-bar')].map((b) => b.style.width);
    expect(widths).toEqual(['100%', '50%']);
    // The counts are printed as text too: nothing relies on the bar colours.
    expect(container.textContent).toContain('under 24 h10');
  });

  it('says why there is no chart when the API withholds the bins', () => {
    render(<LagBinsChart bins={null} />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText(/Not shown \(fewer than 5 notes in a bin\)/)).toBeTruthy();
  });
});
