import { csvField } from '@cairn/platform/audit';
import { SUPERVISION_MODALITIES, SupervisionReportRow } from './peer-supervision-rules';

/** CSV columns of the hours report: one line per peer per month, hours per modality at the end. */
export const SUPERVISION_CSV_COLUMNS = [
  'peerProviderId', 'peerName', 'month', 'sessionCount', 'hours', ...SUPERVISION_MODALITIES.map((m) => `hours: ${m}`),
] as const;

export function supervisionCsvHeader(): string {
  return SUPERVISION_CSV_COLUMNS.map(csvField).join(',') + '\r\n';
}

export function supervisionCsvRow(r: SupervisionReportRow): string {
  return [r.peerProviderId, r.peerName, r.month, r.sessionCount, r.hours, ...SUPERVISION_MODALITIES.map((m) => r.byModality[m].hours)]
    .map(csvField).join(',') + '\r\n';
}

/** True when the caller asked for CSV: format=csv, or an Accept header preferring text/csv over JSON (as the HR report). */
export function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  if (format) return format === 'csv';
  if (!accept) return false;
  const csv = accept.indexOf('text/csv');
  const json = accept.indexOf('application/json');
  return csv !== -1 && (json === -1 || csv < json);
}
