import { Query } from '@nestjs/cqrs';

import type { PortalAdoptionView } from '../../domain/portal-adoption.view';

/** The admins' portal adoption and engagement figures over [from, to] (calendar days of the organization). */
export class GetPortalAdoptionQuery extends Query<PortalAdoptionView> {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}
