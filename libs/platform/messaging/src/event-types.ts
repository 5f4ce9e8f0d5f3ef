import {
  CL_GROUP_ENCOUNTER_GENERATION_REOPENED_V1,
  CL_GROUP_ENCOUNTERS_APPROVED_V1,
  CL_GROUP_SESSION_DOCUMENTED_V1,
  CL_PROGRESS_NOTE_SIGNED_V1,
  ClGroupEncounterGenerationReopenedV1,
  ClGroupEncountersApprovedV1,
  ClGroupSessionDocumentedV1,
  ClProgressNoteSignedV1,
  PEER_ENCOUNTER_FINALIZED_V1,
  PeerEncounterFinalizedV1,
} from '@cairn/platform/clinical';
import { PORTAL_INVITATION_CREATED_V1, PortalInvitationCreatedV1 } from '@cairn/platform/portal';
import {
  PM_APPOINTMENT_BOOKED_V1,
  PM_APPOINTMENT_RESCHEDULED_V1,
  PM_APPOINTMENT_STATUS_CHANGED_V1,
  PM_CHARGE_CREATED_V1,
  PM_CHARGE_STATUS_CHANGED_V1,
  PmAppointmentBookedV1,
  PmAppointmentRescheduledV1,
  PmAppointmentStatusChangedV1,
  PmChargeCreatedV1,
  PmChargeStatusChangedV1,
} from '@cairn/platform/scheduling';

/**
 * Every integration event: versioned name -> payload. The payloads and names belong to the publishing context's
 * contract library (platform/clinical for CL, platform/scheduling for PM); this registry only routes them. A breaking change to a payload is a new name
 * (`.v2`) published beside the old one until every consumer has moved; a queued `.v1` job stays readable.
 */
export interface EventPayloads {
  [CL_GROUP_SESSION_DOCUMENTED_V1]: ClGroupSessionDocumentedV1;
  [CL_GROUP_ENCOUNTERS_APPROVED_V1]: ClGroupEncountersApprovedV1;
  [PEER_ENCOUNTER_FINALIZED_V1]: PeerEncounterFinalizedV1;
  [PM_APPOINTMENT_STATUS_CHANGED_V1]: PmAppointmentStatusChangedV1;
  [PM_CHARGE_STATUS_CHANGED_V1]: PmChargeStatusChangedV1;
  [CL_GROUP_ENCOUNTER_GENERATION_REOPENED_V1]: ClGroupEncounterGenerationReopenedV1;
  [PM_APPOINTMENT_BOOKED_V1]: PmAppointmentBookedV1;
  [PM_APPOINTMENT_RESCHEDULED_V1]: PmAppointmentRescheduledV1;
  [CL_PROGRESS_NOTE_SIGNED_V1]: ClProgressNoteSignedV1;
  [PM_CHARGE_CREATED_V1]: PmChargeCreatedV1;
  [PORTAL_INVITATION_CREATED_V1]: PortalInvitationCreatedV1;
}

export type EventType = keyof EventPayloads;

export const EVENT_TYPES: readonly EventType[] = [
  CL_GROUP_SESSION_DOCUMENTED_V1,
  CL_GROUP_ENCOUNTERS_APPROVED_V1,
  PEER_ENCOUNTER_FINALIZED_V1,
  PM_APPOINTMENT_STATUS_CHANGED_V1,
  PM_CHARGE_STATUS_CHANGED_V1,
  CL_GROUP_ENCOUNTER_GENERATION_REOPENED_V1,
  PM_APPOINTMENT_BOOKED_V1,
  PM_APPOINTMENT_RESCHEDULED_V1,
  CL_PROGRESS_NOTE_SIGNED_V1,
  PM_CHARGE_CREATED_V1,
  PORTAL_INVITATION_CREATED_V1,
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
