import type { ProductivityRow } from '../../../api/client';

/** The six non-clinical session categories of the API (sessionCountByCategory's keys; platform/workforce's list), in its order. */
export const SESSION_CATEGORIES = [
  'Individual Therapy',
  'Group Services',
  'Case Management',
  'Assessment',
  'Peer Support',
  'Other',
] as const;

/** A CSV cell: quoted when needed; a value a spreadsheet would run as a formula starts with an apostrophe. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const PRODUCTIVITY_CSV_HEADER = [
  'Provider',
  'Home site',
  'Period start',
  'Period end',
  'Notes signed',
  'Notes per week',
  'Average lag (hours)',
  'Notes signed under 24 h',
  'Notes signed 24 h or more',
  'Active caseload',
  'No-shows',
  'No-show rate',
  'Late cancellations',
  ...SESSION_CATEGORIES.map((c) => `Sessions: ${c}`),
];

/**
 * The report as a spreadsheet names it: providers and home sites by name (the id only when the staff directory has
 * no name), the rows in the order on screen, withheld figures left empty. Built from the answer on screen, so it
 * holds exactly what the audited read returned.
 */
export function productivityCsv(
  rows: readonly ProductivityRow[],
  providerName: (id: string) => string,
  siteName: (id: string) => string,
): string {
  const lines = [PRODUCTIVITY_CSV_HEADER.map(csvCell).join(',')];
  for (const r of rows) {
    const cats = r.sessionCountByCategory as Record<string, number | undefined>;
    lines.push(
      [
        providerName(r.providerId),
        siteName(r.siteId),
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
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
