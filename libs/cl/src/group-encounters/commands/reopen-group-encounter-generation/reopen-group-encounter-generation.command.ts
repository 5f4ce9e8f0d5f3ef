import { Command } from '@nestjs/cqrs';

import type { GroupEncounterGenerationView } from '../../domain/group-encounter-generation.view';

/**
 * Sends an approved or rejected generation back to pending review (ADR 0011); an approval's unbilled charge is
 * voided by PM in the same transaction. Null when the generation is not in the caller's scope.
 */
export class ReopenGroupEncounterGenerationCommand extends Command<GroupEncounterGenerationView | null> {
  constructor(readonly generationId: string) {
    super();
  }
}
