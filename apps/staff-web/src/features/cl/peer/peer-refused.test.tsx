import { describe, it } from 'vitest';

import { expectOnlyTheRefusal } from '../../../shared/refused-page.testing';
import { PeerEncounterPage } from './peer-encounter-page';
import { PeerEncountersPage } from './peer-encounters-page';
import { SupervisionPage } from './supervision-page';
import { SupervisionReportPage } from './supervision-report-page';

describe('peer screens refused by the API', () => {
  it('peer encounters: only the title and the refusal, no patient search', async () => {
    await expectOnlyTheRefusal(<PeerEncountersPage />, '/peer/encounters', 'Peer encounters');
  });
  it('supervision log: only the title and the refusal, no form', async () => {
    await expectOnlyTheRefusal(<SupervisionPage />, '/peer/supervision', 'Peer supervision');
  });
  it('supervision hours: only the title and the refusal, no period picker', async () => {
    await expectOnlyTheRefusal(<SupervisionReportPage />, '/peer/supervision-report', 'Supervision hours');
  });
});

describe('one peer encounter refused by the API', () => {
  it('shows only the refusal', async () => {
    const { Routes, Route } = await import('react-router');
    await expectOnlyTheRefusal(
      <Routes>
        <Route path="/peer/encounters/:id" element={<PeerEncounterPage />} />
      </Routes>,
      '/peer/encounters/eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
      'Peer encounter',
    );
  });
});
