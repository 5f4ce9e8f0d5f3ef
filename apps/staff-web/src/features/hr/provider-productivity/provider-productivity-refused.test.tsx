import { describe, it } from 'vitest';

import { expectOnlyTheRefusal } from '../../../shared/refused-page.testing';
import { ProviderProductivityPage } from './provider-productivity-page';

describe('Provider productivity refused by the API', () => {
  it('shows only its title and the refusal: no search, filters or download', async () => {
    await expectOnlyTheRefusal(<ProviderProductivityPage />, '/hr/productivity', 'Provider productivity');
  });
});
