/**
 * `peer_encounter_finalized.v1` — published by CL-19 when a peer recovery support encounter is finalized;
 * consumed by PM-07 charge creation (queue `charge-creation`). Payload as the seed
 * (peer-recovery-support-services.md, "Event Contracts") defines it.
 */
export const PEER_ENCOUNTER_FINALIZED_V1 = 'peer_encounter_finalized.v1';

export interface PeerEncounterFinalizedV1 {
  organization_id: string;
  peer_encounter_id: string;
  chart_id: string;
  /** The PM encounter, when one was already created for it. */
  encounter_id: string | null;
  peer_provider_id: string;
  /** YYYY-MM-DD */
  service_date: string;
  hcpcs_code: string;
  duration_minutes: number;
}
