import { SUPERVISION_MODALITIES, SupervisionReportRow } from '../domain/peer-supervision.rules';

/** CSV columns of the hours report: one line per peer per month, hours per modality at the end. */
export const SUPERVISION_CSV_COLUMNS = [
  'peerProviderId',
  'peerName',
  'month',
  'sessionCount',
  'hours',
  ...SUPERVISION_MODALITIES.map((m) => `hours: ${m}`),
] as const;

/** A report row's cells, in `SUPERVISION_CSV_COLUMNS` order. */
export function supervisionCsvRow(r: SupervisionReportRow): (string | number | null)[] {
  return [r.peerProviderId, r.peerName, r.month, r.sessionCount, r.hours, ...SUPERVISION_MODALITIES.map((m) => r.byModality[m].hours)];
}
