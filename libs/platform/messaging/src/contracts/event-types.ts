import { CL_GROUP_ENCOUNTERS_APPROVED_V1, ClGroupEncountersApprovedV1 } from './cl-group-encounters-approved.event';
import { CL_GROUP_SESSION_DOCUMENTED_V1, ClGroupSessionDocumentedV1 } from './cl-group-session-documented.event';
import { PEER_ENCOUNTER_FINALIZED_V1, PeerEncounterFinalizedV1 } from './peer-encounter-finalized.event';
import { PM_APPOINTMENT_STATUS_CHANGED_V1, PmAppointmentStatusChangedV1 } from './pm-appointment-status-changed.event';

/**
 * Every integration event: versioned name -> payload. A breaking change to a payload is a new name
 * (`.v2`) published beside the old one until every consumer has moved; a queued `.v1` job stays readable.
 */
export interface EventPayloads {
  [CL_GROUP_SESSION_DOCUMENTED_V1]: ClGroupSessionDocumentedV1;
  [CL_GROUP_ENCOUNTERS_APPROVED_V1]: ClGroupEncountersApprovedV1;
  [PEER_ENCOUNTER_FINALIZED_V1]: PeerEncounterFinalizedV1;
  [PM_APPOINTMENT_STATUS_CHANGED_V1]: PmAppointmentStatusChangedV1;
}

export type EventType = keyof EventPayloads;

export const EVENT_TYPES: readonly EventType[] = [
  CL_GROUP_SESSION_DOCUMENTED_V1, CL_GROUP_ENCOUNTERS_APPROVED_V1, PEER_ENCOUNTER_FINALIZED_V1, PM_APPOINTMENT_STATUS_CHANGED_V1,
];

/** What travels through the outbox and BullMQ (the job's data): an envelope around the payload. */
export interface IntegrationEvent<T extends EventType = EventType> {
  /** UUID; the outbox row's id and the BullMQ jobId, so a redelivery is recognisable everywhere. */
  id: string;
  type: T;
  organizationId: string;
  /** ISO 8601: when the state change happened (the publishing transaction). */
  occurredAt: string;
  payload: EventPayloads[T];
}
