import { Command } from '@nestjs/cqrs';

import type { PeerEncounterView } from '../../domain/peer-encounter.view';

/**
 * Finalizes a draft (the peer provider only): locks it, creates its PM encounter (CreatePeerEncounterCommand)
 * and publishes `peer_encounter_finalized.v1`, all in one transaction. Null when the encounter is not in scope.
 */
export class FinalizePeerEncounterCommand extends Command<PeerEncounterView | null> {
  constructor(readonly id: string) {
    super();
  }
}
