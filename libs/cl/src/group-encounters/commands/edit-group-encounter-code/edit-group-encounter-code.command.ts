import { Command } from '@nestjs/cqrs';

import type { GroupEncounterGenerationView } from '../../domain/group-encounter-generation.view';

export interface EditGroupEncounterCodeInput {
  /** A CPT or HCPCS code valid on the session date. */
  proposedCptCode: string;
  /** MODIFIER codes valid on the session date (may be empty). */
  modifiers: string[];
}

/** Changes the proposed code and modifiers of a generation pending review. Null when not in scope. */
export class EditGroupEncounterCodeCommand extends Command<GroupEncounterGenerationView | null> {
  constructor(
    readonly generationId: string,
    readonly input: EditGroupEncounterCodeInput,
  ) {
    super();
  }
}
