import { csvLine } from '@cairn/platform/http';
import type { ProviderProductivitySummary } from '@cairn/platform/workforce';

import { PRODUCTIVITY_CSV_COLUMNS, productivityCsvRow } from './provider-productivity.csv';

const row: ProviderProductivitySummary = {
  providerId: 'provider',
  siteId: 'site',
  organizationId: 'org',
  periodStart: '2025-01-01',
  periodEnd: '2025-03-31',
  notesCompletedCount: 12,
  notesCompletedPerWeek: 0.9,
  avgDocumentationLagHours: null,
  documentationLagBins: null,
  activeCaseloadCount: 9,
  noShowCount: 1,
  noShowRate: 0.05,
  lateCancelCount: 0,
  sessionCountByCategory: { 'Peer Support': 7 },
};

describe('provider productivity CSV', () => {
  it('has one column per field, bin and category, and leaves hidden cells empty', () => {
    expect(csvLine(PRODUCTIVITY_CSV_COLUMNS).trim().split(',')).toHaveLength(PRODUCTIVITY_CSV_COLUMNS.length);
    expect(csvLine(productivityCsvRow(row))).toBe('provider,site,org,2025-01-01,2025-03-31,12,0.9,,,,9,1,0.05,0,,,,,7,\r\n');
    expect(
      csvLine(productivityCsvRow({ ...row, documentationLagBins: { under24h: 7, atLeast24h: 5 }, avgDocumentationLagHours: 20 })),
    ).toContain(',12,0.9,20,7,5,9,');
  });

  it('neutralises values a spreadsheet would run as formulas', () => {
    expect(csvLine(productivityCsvRow({ ...row, organizationId: '=HYPERLINK("x")' }))).toContain(`,"'=HYPERLINK(""x"")",`);
  });
});
