import { Command } from '@nestjs/cqrs';

import type { SupervisionModality } from '../../domain/peer-supervision.rules';
import type { PeerSupervisionView } from '../../domain/peer-supervision.view';

export interface EditPeerSupervisionInput {
  peerProviderId?: string;
  supervisorId?: string;
  supervisionDate?: string;
  durationMinutes?: number;
  modality?: SupervisionModality;
  notes?: string;
}

/** Corrects a supervision record: its recorder only, within the edit window. Null when it is not visible. */
export class EditPeerSupervisionCommand extends Command<PeerSupervisionView | null> {
  constructor(
    readonly id: string,
    readonly changes: EditPeerSupervisionInput,
  ) {
    super();
  }
}
