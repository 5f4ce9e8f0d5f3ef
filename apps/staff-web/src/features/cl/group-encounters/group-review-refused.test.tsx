import { describe, it } from 'vitest';

import { expectOnlyTheRefusal } from '../../../shared/refused-page.testing';
import { GroupReviewPage } from './group-review-page';

describe('Group encounter review refused by the API', () => {
  it('shows only its title and the refusal: no search, filters or download', async () => {
    await expectOnlyTheRefusal(<GroupReviewPage />, '/review/group-encounters', 'Group encounter review');
  });
});
