/** PM encounter vocabulary shared with the other contexts (pm_encounters). Plain types, no runtime. */

export const ENCOUNTER_TYPES = ['individual', 'group', 'peer'] as const;
export type EncounterType = (typeof ENCOUNTER_TYPES)[number];

/** What produced an encounter: a CL-14 group session, a CL-19 peer encounter, or a PM appointment. */
export const ENCOUNTER_SOURCE_TYPES = ['group_session', 'peer_encounter', 'appointment'] as const;
export type EncounterSourceType = (typeof ENCOUNTER_SOURCE_TYPES)[number];

export interface EncounterView {
  id: string;
  patientId: string;
  chartId: string;
  siteId: string;
  encounterType: EncounterType;
  /** YYYY-MM-DD */
  serviceDate: string;
  renderingProviderId: string;
  durationMinutes: number;
  /** present | partial for a group encounter (one attendee of a group session); null otherwise. */
  attendanceStatus: 'present' | 'partial' | null;
  sourceType: EncounterSourceType;
  sourceId: string;
  createdAt: string;
}

export interface EncounterPage {
  items: EncounterView[];
  page: number;
  pageSize: number;
  total: number;
}
