import { Query } from '@nestjs/cqrs';

import type { CrisisToolkitView } from '../../domain/crisis-toolkit.view';

/** Staff read a client's crisis toolkit as the client would see it (not an open: nothing is counted). */
export class GetCrisisToolkitQuery extends Query<CrisisToolkitView | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
