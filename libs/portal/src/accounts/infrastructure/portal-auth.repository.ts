import { Injectable } from '@nestjs/common';

import { PortalAuthDb, PortalTx } from '../../portal.tx';

export interface LoginAccount {
  organizationId: string;
  accountId: string;
  patientId: string;
  passwordHash: string | null;
  status: string;
  patientActive: boolean;
}

export interface RefreshTokenSession {
  organizationId: string;
  accountId: string;
  patientId: string;
  familyId: string;
  used: boolean;
  revoked: boolean;
  expired: boolean;
}

export interface AcceptedAccount {
  organizationId: string;
  accountId: string;
  patientId: string;
}

/**
 * Sign-in SQL: before a tenant exists only the po_auth_* SECURITY DEFINER functions (migration
 * 20261206150000_added_portal_foundation) answer; once the account is known, its rows are read as the client.
 */
@Injectable()
export class PortalAuthRepository {
  constructor(private readonly db: PortalAuthDb) {}

  async accountByEmail(email: string): Promise<LoginAccount | null> {
    const rows = await this.db.preTenant.$queryRaw<
      {
        organization_id: string;
        account_id: string;
        patient_id: string;
        password_hash: string | null;
        status: string;
        patient_active: boolean;
      }[]
    >`SELECT organization_id, account_id, patient_id, password_hash, status, patient_active FROM po_auth_account_by_email(${email})`;
    const r = rows[0];
    return r
      ? {
          organizationId: r.organization_id,
          accountId: r.account_id,
          patientId: r.patient_id,
          passwordHash: r.password_hash,
          status: r.status,
          patientActive: r.patient_active,
        }
      : null;
  }

  async refreshTokenSession(tokenHash: string): Promise<RefreshTokenSession | null> {
    const rows = await this.db.preTenant.$queryRaw<
      {
        organization_id: string;
        account_id: string;
        patient_id: string;
        family_id: string;
        used: boolean;
        revoked: boolean;
        expired: boolean;
      }[]
    >`SELECT organization_id, account_id, patient_id, family_id, used, revoked, expired FROM po_auth_refresh_token(${tokenHash})`;
    const r = rows[0];
    return r
      ? {
          organizationId: r.organization_id,
          accountId: r.account_id,
          patientId: r.patient_id,
          familyId: r.family_id,
          used: r.used,
          revoked: r.revoked,
          expired: r.expired,
        }
      : null;
  }

  /** Revokes the family of a refresh token presented a second time (whatever the account's state now). */
  async revokeFamilyOf(tokenHash: string): Promise<number> {
    const rows = await this.db.preTenant.$queryRaw<{ revoked: number }[]>`SELECT po_auth_revoke_family(${tokenHash}) AS revoked`;
    return rows[0]?.revoked ?? 0;
  }

  /** Spends the invitation and sets the password in one statement; null when the token is not (or no longer) good. */
  async acceptInvitation(tokenHash: string, passwordHash: string): Promise<AcceptedAccount | null> {
    const rows = await this.db.preTenant.$queryRaw<{ organization_id: string; account_id: string; patient_id: string }[]>`
      SELECT organization_id, account_id, patient_id FROM po_auth_accept_invitation(${tokenHash}, ${passwordHash})`;
    const r = rows[0];
    return r ? { organizationId: r.organization_id, accountId: r.account_id, patientId: r.patient_id } : null;
  }

  /**
   * Is the session alive: a refresh token of its family not revoked, read as the client, so the client's policy
   * adds the rest (account active, patient active in CL). Disabling the account or discharging the patient ends
   * every session at its next request.
   */
  async sessionAlive(tx: PortalTx, organizationId: string, accountId: string, familyId: string): Promise<boolean> {
    const live = await tx.portalRefreshToken.count({ where: { organizationId, accountId, familyId, revokedAt: null } });
    return live > 0;
  }
}
