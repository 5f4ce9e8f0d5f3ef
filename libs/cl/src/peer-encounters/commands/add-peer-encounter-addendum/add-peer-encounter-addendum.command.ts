import { Command } from '@nestjs/cqrs';

import type { PeerEncounterView } from '../../domain/peer-encounter.view';

/** Adds a correction or addition to a finalized peer encounter. Null when the encounter is not in scope. */
export class AddPeerEncounterAddendumCommand extends Command<PeerEncounterView | null> {
  constructor(
    readonly id: string,
    readonly body: string,
  ) {
    super();
  }
}
