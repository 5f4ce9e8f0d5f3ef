import type { PortalRow } from '../../portal.tx';

/** A patient's portal account as staff see it (never the password hash). */
export interface PortalAccountView {
  accountId: string;
  patientId: string;
  email: string;
  /** invited | active | disabled */
  status: string;
  createdAt: string;
  activatedAt: string | null;
  disabledAt: string | null;
}

/** What inviting returns: the link to hand to the client (shown once; only its hash is stored). */
export interface PortalInvitationView {
  account: PortalAccountView;
  invitationId: string;
  /** The single-use token; the portal web app's `/accept-invitation#token=...` carries it. */
  invitationToken: string;
  /** Relative to the portal web app's origin (apps/portal-web): the fragment never reaches a server log. */
  invitationLink: string;
  expiresAt: string;
}

/** How long an invitation may be redeemed. */
export const INVITATION_TTL_HOURS = 72;

export function toPortalAccountView(a: PortalRow<'portalAccount'>): PortalAccountView {
  return {
    accountId: a.id,
    patientId: a.patientId,
    email: a.email,
    status: a.status,
    createdAt: a.createdAt.toISOString(),
    activatedAt: a.activatedAt?.toISOString() ?? null,
    disabledAt: a.disabledAt?.toISOString() ?? null,
  };
}
