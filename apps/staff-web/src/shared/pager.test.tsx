import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { Pager } from './pager';

describe('Pager', () => {
  it('turns pages within the bounds: previous is disabled on the first page, next on the last', () => {
    const onPage = vi.fn();
    const { rerender } = render(<Pager page={1} pages={3} onPage={onPage} />);
    expect(screen.getByRole('navigation', { name: 'Pages' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Previous page' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(onPage).toHaveBeenCalledWith(2);
    rerender(<Pager page={3} pages={3} onPage={onPage} />);
    expect((screen.getByRole('button', { name: 'Next page' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(onPage).toHaveBeenLastCalledWith(2);
  });

  it('shows nothing for a single page', () => {
    const { container } = render(<Pager page={1} pages={1} onPage={() => undefined} />);
    expect(container.innerHTML).toBe('');
  });
});
