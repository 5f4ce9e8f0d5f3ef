import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';

import { useAddressFilters } from './address-filters';
import { DateFilter, isWholeDate } from './date-filter';

function Page() {
  const { params, setFilter } = useAddressFilters();
  const location = useLocation();
  return (
    <>
      <label htmlFor="from">From</label>
      <DateFilter id="from" value={params.get('from') ?? ''} onApply={(v) => setFilter('from', v)} />
      <output aria-label="address">{location.search}</output>
    </>
  );
}

describe('isWholeDate', () => {
  it('accepts a real day and refuses partial years and impossible days', () => {
    expect(isWholeDate('2025-11-01')).toBe(true);
    expect(isWholeDate('2024-02-29')).toBe(true);
    expect(isWholeDate('0002-11-01')).toBe(false);
    expect(isWholeDate('0202-11-01')).toBe(false);
    expect(isWholeDate('2025-02-30')).toBe(false);
    expect(isWholeDate('2025-13-01')).toBe(false);
    expect(isWholeDate('')).toBe(false);
  });
});

describe('DateFilter', () => {
  it('keeps a year being typed in the field and applies the filter only once the date is whole', () => {
    render(
      <MemoryRouter initialEntries={['/review?status=approved']}>
        <Page />
      </MemoryRouter>,
    );
    const input = screen.getByLabelText('From') as HTMLInputElement;
    const address = screen.getByLabelText('address');
    // The states Chromium reports while "2025" is typed into the year of 11/01.
    for (const partial of ['0002-11-01', '0020-11-01', '0202-11-01']) {
      fireEvent.change(input, { target: { value: partial } });
      expect(input.value).toBe(partial);
      expect(address.textContent).toBe('?status=approved');
    }
    fireEvent.change(input, { target: { value: '2025-11-01' } });
    expect(address.textContent).toBe('?status=approved&from=2025-11-01');
    expect(input.value).toBe('2025-11-01');
    fireEvent.change(input, { target: { value: '' } });
    expect(address.textContent).toBe('?status=approved');
  });
});
