import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { GenerationSort } from '../../domain/generation-sort.rules';
import type { GroupEncounterGenerationView } from '../../domain/group-encounter-generation.view';
import type { GenerationFilter } from '../../infrastructure/group-encounter-generation.repository';

/** The review queue: generations by session, status, date range and site, newest session first unless sorted otherwise, paginated. */
export class ListGroupEncounterGenerationsQuery extends Query<Page<GroupEncounterGenerationView>> {
  constructor(
    readonly filter: GenerationFilter,
    readonly page: { page?: number; pageSize?: number },
    /** Default: newest session first. */
    readonly sort?: GenerationSort,
  ) {
    super();
  }
}
