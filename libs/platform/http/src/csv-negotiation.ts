/**
 * True when the caller asked a report for CSV: `format=csv` decides first (`format=json` refuses CSV); without a
 * format, an Accept header that names text/csv before application/json (or without it) asks for CSV.
 */
export function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  if (format) return format === 'csv';
  if (!accept) return false;
  const csv = accept.indexOf('text/csv');
  const json = accept.indexOf('application/json');
  return csv !== -1 && (json === -1 || csv < json);
}
