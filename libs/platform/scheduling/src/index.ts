export { ENCOUNTER_SOURCE_TYPES, ENCOUNTER_TYPES } from './encounter';
export type { EncounterPage, EncounterSourceType, EncounterType, EncounterView } from './encounter';
export { CreateGroupEncountersCommand } from './create-group-encounters.command';
export type {
  CreatedGroupEncounter,
  CreateGroupEncountersInput,
  GroupEncounterAttendee,
  GroupEncountersCreated,
} from './create-group-encounters.command';
export { ListPatientEncountersQuery } from './list-patient-encounters.query';
export type { ListPatientEncountersFilter } from './list-patient-encounters.query';
export { CreatePeerEncounterCommand } from './create-peer-encounter.command';
export { GetChargeOfSourceQuery } from './get-charge-of-source.query';
export type { ChargeOfSource } from './get-charge-of-source.query';
export { VoidChargeOfSourceCommand } from './void-charge-of-source.command';
export type { ChargeOfSourceVoided, VoidChargeOfSourceInput } from './void-charge-of-source.command';
export type { CreatePeerEncounterInput, PeerEncounterCreated } from './create-peer-encounter.command';
// Integration events PM publishes (the payloads; platform/messaging routes them by name).
export { PM_APPOINTMENT_STATUS_CHANGED_V1 } from './events/pm-appointment-status-changed.event';
export type { PmAppointmentStatusChangedV1 } from './events/pm-appointment-status-changed.event';
export { PM_CHARGE_STATUS_CHANGED_V1 } from './events/pm-charge-status-changed.event';
export type { PmChargeStatusChangedV1 } from './events/pm-charge-status-changed.event';
export { PM_APPOINTMENT_BOOKED_V1 } from './events/pm-appointment-booked.event';
export type { PmAppointmentBookedV1 } from './events/pm-appointment-booked.event';
export { PM_APPOINTMENT_RESCHEDULED_V1 } from './events/pm-appointment-rescheduled.event';
export type { PmAppointmentRescheduledV1 } from './events/pm-appointment-rescheduled.event';
export { PM_CHARGE_CREATED_V1 } from './events/pm-charge-created.event';
export type { PmChargeCreatedV1 } from './events/pm-charge-created.event';
export { ListPatientAppointmentsQuery } from './list-patient-appointments.query';
export type { PatientAppointment } from './list-patient-appointments.query';
