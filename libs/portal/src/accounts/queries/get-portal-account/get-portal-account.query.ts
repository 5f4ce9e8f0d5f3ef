import { Query } from '@nestjs/cqrs';

import type { PortalAccountView } from '../../domain/portal-account.view';

/** A patient's portal account, for staff. */
export class GetPortalAccountQuery extends Query<PortalAccountView | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
