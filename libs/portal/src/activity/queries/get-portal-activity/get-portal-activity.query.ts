import { Query } from '@nestjs/cqrs';

import type { PortalActivityView } from '../../domain/portal-activity.view';

/**
 * A client's portal activity: for staff, the chart's portal-activity tab (GET /api/v1/patients/:id/portal-activity);
 * for the client, the dashboard (GET /api/v1/portal/dashboard). The same registered sections, per audience.
 */
export class GetPortalActivityQuery extends Query<PortalActivityView | null> {
  constructor(
    readonly patientId: string,
    readonly audience: 'staff' | 'client',
  ) {
    super();
  }
}
