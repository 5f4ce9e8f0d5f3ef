// What other contexts may know of the client portal (libs/portal): its integration events and the commands it
// handles for them.
export { ErasePatientPortalDataCommand } from './erase-patient-portal-data.command';
export type { PatientPortalDataErased } from './erase-patient-portal-data.command';
export { PORTAL_INVITATION_CREATED_V1 } from './events/portal-invitation-created.event';
export type { PortalInvitationCreatedV1 } from './events/portal-invitation-created.event';
