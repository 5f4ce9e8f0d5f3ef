import { Query } from '@nestjs/cqrs';

import type { PeerEncounterView } from '../../domain/peer-encounter.view';

/** A peer encounter with its addenda; null when not in scope (including when no consent covers it). */
export class GetPeerEncounterQuery extends Query<PeerEncounterView | null> {
  constructor(readonly id: string) {
    super();
  }
}
