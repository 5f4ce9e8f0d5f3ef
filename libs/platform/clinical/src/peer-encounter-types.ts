/**
 * PF-15 reference list `peer_encounter_type`: the standard peer service types CL-19 encounters use when an
 * organization has not switched to its own vocabulary (cl_peer_settings.use_pf15 = false). The migration seeds
 * the same rows into pf_peer_encounter_types (a test keeps the two equal). Plain data, no runtime.
 */
export const PF15_PEER_ENCOUNTER_TYPES = [
  { key: 'peer_support', label: 'Peer support' },
  { key: 'recovery_coaching', label: 'Recovery coaching' },
  { key: 'crisis_peer', label: 'Crisis peer' },
] as const;
export type Pf15PeerEncounterType = (typeof PF15_PEER_ENCOUNTER_TYPES)[number]['key'];
