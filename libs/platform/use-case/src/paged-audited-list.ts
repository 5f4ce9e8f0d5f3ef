import { Page, pageOf, pageWindow } from '@cairn/platform/http';

import type { AuditScope } from './audit-scope';

export interface PagedAuditedListSpec<Row, Item> {
  /** The page asked for (`page`, `pageSize`; defaults applied by pageWindow). */
  page: { page?: number; pageSize?: number };
  /** The names of the filters that were set: the row's `scope.filters` (use `setFilterNames`). Omit to write none. */
  filters?: string[];
  /** The number of rows matching the filters (all pages). */
  count: () => Promise<number>;
  /** The rows of the page window. */
  rows: (window: { skip: number; take: number }) => Promise<Row[]>;
  /** The items of the page (may read more, e.g. a Part 2 consent check per chart). */
  toItems: (rows: Row[]) => Item[] | Promise<Item[]>;
  /** More facts for the audit row from the page: result ids, counts, Part 2 flags. Ids only, never PHI values. */
  scope?: (page: { rows: Row[]; items: Item[]; total: number }) => Record<string, unknown>;
  /** Read count and rows one after the other (default: together, on the one transaction). */
  sequential?: boolean;
}

/**
 * The list use case's skeleton: count and page window, items, and the audit facts of the page (`filters`, `total`
 * and what `scope` adds) on the call's one row. Returns the page envelope.
 */
export async function pagedAuditedList<Row, Item>(audit: AuditScope, spec: PagedAuditedListSpec<Row, Item>): Promise<Page<Item>> {
  const { skip, take } = pageWindow(spec.page);
  const [total, rows] = spec.sequential
    ? [await spec.count(), await spec.rows({ skip, take })]
    : await Promise.all([spec.count(), spec.rows({ skip, take })]);
  const items = await spec.toItems(rows);
  audit.scope({ ...(spec.filters ? { filters: spec.filters } : {}), total, ...(spec.scope?.({ rows, items, total }) ?? {}) });
  return pageOf(items, total, spec.page);
}

/** The names of the keys of `filter` that hold a value, in `keys` order (default: the object's own order). */
export function setFilterNames<F extends object>(filter: F, keys?: readonly (keyof F & string)[]): string[] {
  const names = keys ?? (Object.keys(filter) as (keyof F & string)[]);
  return names.filter((k) => filter[k] !== undefined);
}
