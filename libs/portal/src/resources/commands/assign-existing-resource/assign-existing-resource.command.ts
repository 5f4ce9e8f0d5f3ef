import { Command } from '@nestjs/cqrs';

import type { ResourceView } from '../../domain/resource.view';

/**
 * Seed §8 `POST /clients/:id/resources/:resourceId`: recommend to this client a link resource the therapist
 * already recommended to another of their clients (a copy for this client: every resource row is one patient's).
 */
export class AssignExistingResourceCommand extends Command<ResourceView | null> {
  constructor(
    readonly patientId: string,
    readonly resourceId: string,
  ) {
    super();
  }
}
