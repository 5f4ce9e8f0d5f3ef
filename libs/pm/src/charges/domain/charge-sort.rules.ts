/**
 * How the charge list may be sorted: `sort=<field>` ascending or `sort=-<field>` descending. The service date is how
 * the list has always been ordered (a withheld Part 2 charge sorts among the others by it, as before). Amount and
 * status are hidden on a withheld charge, so under those sorts withheld charges come after every shown one, by
 * service date: their place never tells their amount or status. Fields a withheld charge hides and nobody sorts by
 * (code, patient) are not offered.
 */
export const CHARGE_SORT_FIELDS = ['serviceDate', 'amount', 'status'] as const;
export type ChargeSortField = (typeof CHARGE_SORT_FIELDS)[number];

export const CHARGE_SORTS = CHARGE_SORT_FIELDS.flatMap((f) => [f, `-${f}`]);

export interface ChargeSort {
  field: ChargeSortField;
  direction: 'asc' | 'desc';
}

/** The default: newest service date first. */
export const DEFAULT_CHARGE_SORT: ChargeSort = { field: 'serviceDate', direction: 'desc' };

/** A validated `sort` value (one of CHARGE_SORTS) as a sort; undefined gives the default. */
export function chargeSortOf(value: string | undefined): ChargeSort {
  if (!value) return DEFAULT_CHARGE_SORT;
  const desc = value.startsWith('-');
  const field = (desc ? value.slice(1) : value) as ChargeSortField;
  if (!CHARGE_SORT_FIELDS.includes(field)) throw new Error(`unknown charge sort ${value}`);
  return { field, direction: desc ? 'desc' : 'asc' };
}

/** Whether withheld charges must be kept apart (after the shown ones) under this sort. */
export const sortsByHiddenField = (sort: ChargeSort): boolean => sort.field !== 'serviceDate';
