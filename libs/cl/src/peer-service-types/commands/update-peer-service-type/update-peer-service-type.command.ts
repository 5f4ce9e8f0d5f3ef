import { Command } from '@nestjs/cqrs';

import type { PeerServiceTypeView } from '../../infrastructure/peer-vocabulary.repository';

/** Relabels or (de)activates one of the organization's service types. Null when there is none with that id. */
export class UpdatePeerServiceTypeCommand extends Command<PeerServiceTypeView | null> {
  constructor(
    readonly id: string,
    readonly changes: { label?: string; active?: boolean },
  ) {
    super();
  }
}
