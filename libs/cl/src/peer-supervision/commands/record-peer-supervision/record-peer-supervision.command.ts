import { Command } from '@nestjs/cqrs';

import type { SupervisionModality } from '../../domain/peer-supervision.rules';
import type { PeerSupervisionView } from '../../domain/peer-supervision.view';

export interface RecordPeerSupervisionInput {
  peerProviderId: string;
  /** Defaults to the caller when they hold a supervising role. */
  supervisorId?: string;
  /** YYYY-MM-DD, not after today in the organization's time zone. */
  supervisionDate: string;
  durationMinutes: number;
  modality: SupervisionModality;
  notes?: string;
}

/** Records one supervision session of a peer specialist. */
export class RecordPeerSupervisionCommand extends Command<PeerSupervisionView> {
  constructor(readonly input: RecordPeerSupervisionInput) {
    super();
  }
}
