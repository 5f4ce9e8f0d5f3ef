import { Command } from '@nestjs/cqrs';

import type { PeerEncounterView } from '../../domain/peer-encounter.view';

export interface CreatePeerEncounterInput {
  patientId: string;
  /** Defaults to the patient's site; otherwise one of the caller's permitted sites. */
  siteId?: string;
  /** Defaults to the caller. */
  peerProviderId?: string;
  serviceDate: string;
  startTime: string;
  endTime: string;
  /** Optional; must equal endTime − startTime when given. */
  durationMinutes?: number;
  serviceType: string;
  hcpcsCode: string;
  focusNotes?: string;
  /** Save even though another peer encounter of the patient overlaps these times (else 409). */
  confirmOverlap?: boolean;
}

/** Opens a draft peer encounter. Null when the patient is not in scope. */
export class CreatePeerEncounterDraftCommand extends Command<PeerEncounterView | null> {
  constructor(readonly input: CreatePeerEncounterInput) {
    super();
  }
}
