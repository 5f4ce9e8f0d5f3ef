import { Query } from '@nestjs/cqrs';

import type { CrisisToolkitUsageView } from '../../domain/crisis-toolkit.view';

/** The therapist reviews a client's crisis-toolkit opens and alert episodes (scenario 3 step 6), last 90 days. */
export class ListCrisisToolkitUsageQuery extends Query<CrisisToolkitUsageView | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
