import { Command } from '@nestjs/cqrs';

import type { PeerEncounterView } from '../../domain/peer-encounter.view';

export interface EditPeerEncounterInput {
  serviceDate?: string;
  startTime?: string;
  endTime?: string;
  durationMinutes?: number;
  serviceType?: string;
  hcpcsCode?: string;
  focusNotes?: string;
}

/** Changes a draft (the peer provider only). Null when the encounter is not in scope. */
export class EditPeerEncounterCommand extends Command<PeerEncounterView | null> {
  constructor(
    readonly id: string,
    readonly input: EditPeerEncounterInput,
    /** Save even though the new times overlap another peer encounter of the patient (else 409). */
    readonly confirmOverlap = false,
  ) {
    super();
  }
}
