import { Query } from '@nestjs/cqrs';

import type { PeerSupervisionView } from '../../domain/peer-supervision.view';

/** One supervision record with its notes; null when the caller may not see it (404, exactly like a missing one). */
export class GetPeerSupervisionQuery extends Query<PeerSupervisionView | null> {
  constructor(readonly id: string) {
    super();
  }
}
