import { ReactNode } from 'react';
import { useSearchParams } from 'react-router';

export type SortDirection = 'ascending' | 'descending';

export interface Sort<F extends string> {
  field: F;
  direction: SortDirection;
}

/** `field` or `-field` (descending), the form the address and the API's `sort` parameters use. */
export function sortParam<F extends string>(sort: Sort<F>): string {
  return sort.direction === 'descending' ? `-${sort.field}` : sort.field;
}

/** Reads `sort` from the address: a known field (optionally `-` for descending), else the default. */
export function parseSort<F extends string>(value: string | null, fields: readonly F[], fallback: Sort<F>): Sort<F> {
  if (!value) return fallback;
  const descending = value.startsWith('-');
  const field = (descending ? value.slice(1) : value) as F;
  return fields.includes(field) ? { field, direction: descending ? 'descending' : 'ascending' } : fallback;
}

/**
 * A list's sort kept in the address (`?sort=field` or `?sort=-field`, so a reload, the back button or a shared link
 * keeps it). Choosing a column goes back to the list's first page, as a filter does.
 */
export function useAddressSort<F extends string>(fields: readonly F[], fallback: Sort<F>, param = 'sort', pageParam = 'page') {
  const [params, setParams] = useSearchParams();
  const sort = parseSort(params.get(param), fields, fallback);
  const sortBy = (field: F, firstDirection: SortDirection = 'ascending') => {
    const next = new URLSearchParams(params);
    const direction: SortDirection = sort.field === field ? (sort.direction === 'ascending' ? 'descending' : 'ascending') : firstDirection;
    const value = sortParam({ field, direction });
    if (field === fallback.field && direction === fallback.direction) next.delete(param);
    else next.set(param, value);
    next.delete(pageParam);
    setParams(next);
  };
  return { sort, sortBy };
}

/**
 * A column header that sorts its list: a button inside the `th` (reachable with Tab, pressed with Enter or Space),
 * `aria-sort` on the header of the sorted column only, and the direction said in words to screen readers and shown
 * as an arrow (never colour alone).
 */
export function SortableHeader<F extends string>(props: {
  field: F;
  sort: Sort<F>;
  onSort(field: F, firstDirection?: SortDirection): void;
  /** The direction a first press sorts in (numbers usually read best largest first). */
  firstDirection?: SortDirection;
  children: ReactNode;
  className?: string;
}) {
  const { field, sort, onSort, firstDirection = 'ascending', children, className } = props;
  const active = sort.field === field;
  const next: SortDirection = active ? (sort.direction === 'ascending' ? 'descending' : 'ascending') : firstDirection;
  return (
    <th scope="col" aria-sort={active ? sort.direction : undefined} className={className}>
      <button type="button" className="sort-button" onClick={() => onSort(field, firstDirection)}>
        {children}
        <span aria-hidden="true" className="sort-arrow">
          {active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
        </span>
        <span className="visually-hidden">, sort {next}</span>
      </button>
    </th>
  );
}

/** Sorts rows by a key (numbers, strings by locale; nulls always last), stable, without changing the input. */
export function sortRows<T>(rows: readonly T[], key: (row: T) => number | string | null | undefined, direction: SortDirection): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, k: key(row) }))
    .sort((a, b) => {
      const an = a.k === null || a.k === undefined;
      const bn = b.k === null || b.k === undefined;
      if (an || bn) return an === bn ? a.i - b.i : an ? 1 : -1;
      const c =
        typeof a.k === 'number' && typeof b.k === 'number'
          ? a.k - b.k
          : String(a.k).localeCompare(String(b.k), 'en', { numeric: true, sensitivity: 'base' });
      return c === 0 ? a.i - b.i : c * sign;
    })
    .map((x) => x.row);
}
