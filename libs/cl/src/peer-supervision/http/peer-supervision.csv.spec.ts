import { csvLine } from '@cairn/platform/http';

import { buildSupervisionReport } from '../domain/peer-supervision.rules';
import { SUPERVISION_CSV_COLUMNS, supervisionCsvRow } from './peer-supervision.csv';

describe('the supervision hours CSV', () => {
  it('has a header and one line per peer per month, hours per modality, and defuses formula-like names', () => {
    const report = buildSupervisionReport(
      '2025-01',
      '2025-01',
      [{ id: 'p1', name: '=HYPERLINK("x"), CPRS' }],
      [
        { peerProviderId: 'p1', month: '2025-01', modality: 'individual', sessionCount: 1, minutes: 60 },
        { peerProviderId: 'p1', month: '2025-01', modality: 'phone', sessionCount: 1, minutes: 15 },
      ],
    );
    expect(csvLine(SUPERVISION_CSV_COLUMNS)).toBe(
      'peerProviderId,peerName,month,sessionCount,hours,hours: individual,hours: group,hours: telehealth,hours: phone\r\n',
    );
    expect(csvLine(supervisionCsvRow(report.items[0]!))).toBe(`p1,"'=HYPERLINK(""x""), CPRS",2025-01,2,1.25,1,0,0,0.25\r\n`);
  });
});
