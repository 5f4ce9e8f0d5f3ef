import { Query } from '@nestjs/cqrs';

import type { GroupEncounterGenerationView } from '../../domain/group-encounter-generation.view';

/** One generation of the review queue, masked like the list (null: not found in the caller's scope). */
export class GetGroupEncounterGenerationQuery extends Query<GroupEncounterGenerationView | null> {
  constructor(readonly generationId: string) {
    super();
  }
}
