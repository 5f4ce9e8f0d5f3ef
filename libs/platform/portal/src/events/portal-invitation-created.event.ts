/**
 * `portal_invitation_created.v1` — published by the portal when staff invite a patient to the client portal
 * (POST /api/v1/patients/:id/portal-account/invitations); for a mailer to send the invitation. Ids and facts
 * only: never the token (the link is returned to the inviting staff member once and stored nowhere in clear),
 * nor the email address (the mailer resolves the recipient through the portal when it exists).
 */
export const PORTAL_INVITATION_CREATED_V1 = 'portal_invitation_created.v1';

export interface PortalInvitationCreatedV1 {
  organization_id: string;
  portal_account_id: string;
  invitation_id: string;
  patient_id: string;
  invited_by: string;
  /** ISO 8601 */
  expires_at: string;
}
