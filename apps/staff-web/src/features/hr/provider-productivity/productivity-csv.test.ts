import { describe, expect, it } from 'vitest';

import type { ProductivityRow } from '../../../api/client';
import { csvCell, productivityCsv } from './productivity-csv';

const row = {
  providerId: '11111111-1111-4111-8111-111111111111',
  siteId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  organizationId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  periodStart: '2025-10-01',
  periodEnd: '2025-12-31',
  notesCompletedCount: 12,
  notesCompletedPerWeek: 0.9,
  avgDocumentationLagHours: null,
  documentationLagBins: { under24h: 7, atLeast24h: 5 },
  activeCaseloadCount: 9,
  noShowCount: 1,
  noShowRate: 0.05,
  lateCancelCount: 0,
  sessionCountByCategory: { 'Peer Support': 7 },
} as ProductivityRow;

describe('provider productivity CSV', () => {
  it('names providers and home sites, never their ids, and leaves withheld figures empty', () => {
    const csv = productivityCsv(
      [row],
      () => 'Ana Alvarez, LCSW',
      () => 'Phoenix Central',
    );
    const [header, line] = csv.trim().split('\r\n');
    expect(header!.startsWith('Provider,Home site,Period start,Period end,Notes signed')).toBe(true);
    expect(line).toBe('"Ana Alvarez, LCSW",Phoenix Central,2025-10-01,2025-12-31,12,0.9,,7,5,9,1,0.05,0,,,,,7,');
    expect(csv).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('neutralises names a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-3)).toBe('-3');
  });
});
