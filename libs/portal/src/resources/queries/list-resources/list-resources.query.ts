import { Query } from '@nestjs/cqrs';

import type { ResourceView } from '../../domain/resource.view';

/** The resources recommended to a client, newest first (at most 200); withdrawn ones only when asked. */
export class ListResourcesQuery extends Query<ResourceView[] | null> {
  constructor(
    readonly patientId: string,
    readonly includeWithdrawn: boolean,
  ) {
    super();
  }
}
