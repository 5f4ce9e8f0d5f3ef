import { describe, it } from 'vitest';

import { expectOnlyTheRefusal } from '../../../shared/refused-page.testing';
import { ChargesPage } from './charges-page';

describe('Charges refused by the API', () => {
  it('shows only its title and the refusal: no search, filters or download', async () => {
    await expectOnlyTheRefusal(<ChargesPage />, '/billing/charges', 'Charges');
  });
});
