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
