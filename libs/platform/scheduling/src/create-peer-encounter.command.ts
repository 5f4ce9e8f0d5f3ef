import { Command } from '@nestjs/cqrs';

export interface CreatePeerEncounterInput {
  /** The CL-19 peer encounter (pm_encounters.source_id, source_type 'peer_encounter'). */
  peerEncounterId: string;
  patientId: string;
  chartId: string;
  siteId: string;
  /** YYYY-MM-DD */
  serviceDate: string;
  /** The peer specialist who rendered the service. */
  renderingProviderId: string;
  durationMinutes: number;
}

export interface PeerEncounterCreated {
  encounterId: string;
  /** false when the encounter already existed: nothing was written. */
  created: boolean;
}

/**
 * Sent by CL when a peer encounter is finalized and handled by PM, which owns pm_encounters: one encounter of
 * type 'peer', in the caller's transaction and tenant context. Insert-once on (organization, source
 * 'peer_encounter', peer encounter, patient): sending it again returns the existing encounter (created: false).
 * Throws InvalidInputError for malformed input.
 */
export class CreatePeerEncounterCommand extends Command<PeerEncounterCreated> {
  constructor(readonly input: CreatePeerEncounterInput) {
    super();
  }
}
