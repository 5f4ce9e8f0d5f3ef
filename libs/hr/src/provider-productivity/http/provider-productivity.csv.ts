import { ProviderProductivitySummary, SESSION_CATEGORIES } from '@cairn/platform/workforce';

/**
 * CSV columns: the JSON fields of a provider row, the lag bins and one column per session category (empty when
 * withheld). One line per provider shown; withheld providers have no line (the JSON's suppressedProviderCount).
 */
export const PRODUCTIVITY_CSV_COLUMNS = [
  'providerId',
  'siteId',
  'organizationId',
  'periodStart',
  'periodEnd',
  'notesCompletedCount',
  'notesCompletedPerWeek',
  'avgDocumentationLagHours',
  'lagUnder24h',
  'lagAtLeast24h',
  'activeCaseloadCount',
  'noShowCount',
  'noShowRate',
  'lateCancelCount',
  ...SESSION_CATEGORIES.map((c) => `sessions: ${c}`),
] as const;

/** A summary's cells, in `PRODUCTIVITY_CSV_COLUMNS` order (hidden cells undefined: written empty). */
export function productivityCsvRow(r: ProviderProductivitySummary): (string | number | boolean | null | undefined)[] {
  const cats = r.sessionCountByCategory as Record<string, number | undefined>;
  return [
    r.providerId,
    r.siteId,
    r.organizationId,
    r.periodStart,
    r.periodEnd,
    r.notesCompletedCount,
    r.notesCompletedPerWeek,
    r.avgDocumentationLagHours,
    r.documentationLagBins?.under24h,
    r.documentationLagBins?.atLeast24h,
    r.activeCaseloadCount,
    r.noShowCount,
    r.noShowRate,
    r.lateCancelCount,
    ...SESSION_CATEGORIES.map((c) => cats[c]),
  ];
}
