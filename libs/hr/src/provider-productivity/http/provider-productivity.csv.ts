import { ProviderProductivitySummary, SESSION_CATEGORIES } from '@cairn/platform/workforce';

/** CSV columns: the JSON fields, the lag bins and one column per session category (empty when hidden). */
export const PRODUCTIVITY_CSV_COLUMNS = [
  'providerId',
  'siteId',
  'organizationId',
  'periodStart',
  'periodEnd',
  'suppressed',
  'providerCount',
  'notesCompletedCount',
  'avgDocumentationLagHours',
  'lagUnder24h',
  'lag24To48h',
  'lagOver48h',
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
    r.suppressed,
    r.providerCount,
    r.notesCompletedCount,
    r.avgDocumentationLagHours,
    r.documentationLagBins?.under24h,
    r.documentationLagBins?.from24To48h,
    r.documentationLagBins?.over48h,
    r.activeCaseloadCount,
    r.noShowCount,
    r.noShowRate,
    r.lateCancelCount,
    ...SESSION_CATEGORIES.map((c) => cats[c]),
  ];
}
