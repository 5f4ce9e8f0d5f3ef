import { Command } from '@nestjs/cqrs';

import type { ResourceView } from '../../domain/resource.view';

/**
 * The therapist recommends a resource to a client: an https link, or a file uploaded first for this client
 * (`POST /api/v1/patients/:id/portal-files`). Exactly one of `url` and `fileId`.
 */
export class RecommendResourceCommand extends Command<ResourceView> {
  constructor(
    readonly patientId: string,
    readonly title: string,
    readonly description: string | null,
    readonly url: string | null,
    readonly fileId: string | null,
  ) {
    super();
  }
}
