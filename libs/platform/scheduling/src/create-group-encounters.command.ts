import { Command } from '@nestjs/cqrs';

export interface GroupEncounterAttendee {
  patientId: string;
  chartId: string;
  /** present or partial: absent attendees get no encounter. */
  attendanceStatus: 'present' | 'partial';
  minutesAttended: number;
}

export interface CreateGroupEncountersInput {
  /** The CL-14 group session the encounters come from (pm_encounters.source_id, source_type 'group_session'). */
  groupSessionId: string;
  siteId: string;
  /** YYYY-MM-DD */
  serviceDate: string;
  /** The facilitator who rendered the service. */
  renderingProviderId: string;
  attendees: GroupEncounterAttendee[];
}

export interface CreatedGroupEncounter {
  patientId: string;
  encounterId: string;
  /** false when the encounter already existed (a replay): nothing was written for this attendee. */
  created: boolean;
}

export interface GroupEncountersCreated {
  encounters: CreatedGroupEncounter[];
}

/**
 * Sent by CL (group encounter generation, CL-14-EN-01) and handled by PM, which owns pm_encounters: one
 * encounter of type 'group' per attendee, in the caller's transaction and tenant context. Insert-once on
 * (organization, source 'group_session', session, patient): sending it again returns the existing encounters
 * (created: false) and changes nothing, so a replayed event cannot double an encounter. Absent attendees must
 * not be sent. Throws InvalidInputError for an empty or malformed attendee list.
 */
export class CreateGroupEncountersCommand extends Command<GroupEncountersCreated> {
  constructor(readonly input: CreateGroupEncountersInput) {
    super();
  }
}
