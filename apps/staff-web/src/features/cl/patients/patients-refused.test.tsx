import { describe, it } from 'vitest';

import { expectOnlyTheRefusal } from '../../../shared/refused-page.testing';
import { PatientsPage } from './patients-page';

describe('Patients refused by the API', () => {
  it('shows only its title and the refusal: no search, filters or download', async () => {
    await expectOnlyTheRefusal(<PatientsPage />, '/patients', 'Patients');
  });
});
