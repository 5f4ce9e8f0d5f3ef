import { Command } from '@nestjs/cqrs';

import type { ResourceView } from '../../domain/resource.view';

/** The therapist registers an https link and recommends it to a client. */
export class RecommendLinkResourceCommand extends Command<ResourceView> {
  constructor(
    readonly patientId: string,
    readonly title: string,
    readonly description: string | null,
    readonly url: string,
  ) {
    super();
  }
}
