/**
 * How the review queue may be sorted: `sort=<field>` ascending or `sort=-<field>` descending. The session date is the
 * queue's own order (newest first; a withheld Part 2 row sorts among the others by it, as it always has). Every other
 * field is hidden on a withheld row, so under those sorts withheld rows come after every shown one, in the default
 * order: their place never tells their group, patient, status or code.
 */
export const GENERATION_SORT_FIELDS = ['sessionDate', 'group', 'patient', 'status', 'code'] as const;
export type GenerationSortField = (typeof GENERATION_SORT_FIELDS)[number];

export const GENERATION_SORTS = GENERATION_SORT_FIELDS.flatMap((f) => [f, `-${f}`]);

export interface GenerationSort {
  field: GenerationSortField;
  direction: 'asc' | 'desc';
}

export const DEFAULT_GENERATION_SORT: GenerationSort = { field: 'sessionDate', direction: 'desc' };

/** A validated `sort` value (one of GENERATION_SORTS) as a sort; undefined gives the default. */
export function generationSortOf(value: string | undefined): GenerationSort {
  if (!value) return DEFAULT_GENERATION_SORT;
  const desc = value.startsWith('-');
  const field = (desc ? value.slice(1) : value) as GenerationSortField;
  if (!GENERATION_SORT_FIELDS.includes(field)) throw new Error(`unknown review queue sort ${value}`);
  return { field, direction: desc ? 'desc' : 'asc' };
}
