import { Command } from '@nestjs/cqrs';

import type { PeerServiceTypeView } from '../../infrastructure/peer-vocabulary.repository';

/** Adds a service type to the organization's own vocabulary (in force when use_pf15 is false). */
export class CreatePeerServiceTypeCommand extends Command<PeerServiceTypeView> {
  constructor(
    readonly key: string,
    readonly label: string,
  ) {
    super();
  }
}
