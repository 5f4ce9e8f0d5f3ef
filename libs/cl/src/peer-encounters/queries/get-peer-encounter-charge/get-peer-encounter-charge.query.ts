import { Query } from '@nestjs/cqrs';

import type { PeerEncounterChargeView } from '../../domain/peer-encounter-charge.view';

/** Where a peer encounter stands in billing; null when the encounter is not in scope (including Part 2 without consent). */
export class GetPeerEncounterChargeQuery extends Query<PeerEncounterChargeView | null> {
  constructor(readonly id: string) {
    super();
  }
}
