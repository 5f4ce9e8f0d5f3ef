import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { parseSort, SortableHeader, sortRows } from './sortable';

describe('sortable lists', () => {
  it('reads field and -field from the address, known fields only', () => {
    const fallback = { field: 'a', direction: 'ascending' } as const;
    expect(parseSort('-b', ['a', 'b'], fallback)).toEqual({ field: 'b', direction: 'descending' });
    expect(parseSort('b', ['a', 'b'], fallback)).toEqual({ field: 'b', direction: 'ascending' });
    expect(parseSort('x', ['a', 'b'], fallback)).toBe(fallback);
    expect(parseSort(null, ['a', 'b'], fallback)).toBe(fallback);
  });

  it('a header is a button in the th: aria-sort only on the sorted column, the next direction in its name', () => {
    const onSort = vi.fn();
    render(
      <table>
        <thead>
          <tr>
            <SortableHeader field="a" sort={{ field: 'a', direction: 'ascending' }} onSort={onSort}>
              A
            </SortableHeader>
            <SortableHeader field="b" sort={{ field: 'a', direction: 'ascending' }} onSort={onSort} firstDirection="descending">
              B
            </SortableHeader>
          </tr>
        </thead>
      </table>,
    );
    expect(screen.getByRole('columnheader', { name: /^A/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('columnheader', { name: /^B/ }).hasAttribute('aria-sort')).toBe(false);
    const b = screen.getByRole('button', { name: 'B, sort descending' });
    expect(b.tagName).toBe('BUTTON');
    fireEvent.click(b);
    expect(onSort).toHaveBeenCalledWith('b', 'descending');
    expect(screen.getByRole('button', { name: 'A, sort descending' })).toBeTruthy();
  });

  it('sorts numbers and names, nulls last in either direction, stably', () => {
    const rows = [
      { n: 2, s: 'b' },
      { n: null, s: 'a10' },
      { n: 10, s: 'a2' },
      { n: 2, s: 'c' },
    ];
    expect(sortRows(rows, (r) => r.n, 'ascending').map((r) => r.s)).toEqual(['b', 'c', 'a2', 'a10']);
    expect(sortRows(rows, (r) => r.n, 'descending').map((r) => r.s)).toEqual(['a2', 'b', 'c', 'a10']);
    expect(sortRows(rows, (r) => r.s, 'ascending').map((r) => r.s)).toEqual(['a2', 'a10', 'b', 'c']);
  });
});
