import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';

import { AuditService } from '@cairn/platform/audit';
import { UnauthorizedError } from '@cairn/platform/kernel';
import { OutsideUseCasePipeline } from '@cairn/platform/use-case';

import { PortalAuthDb } from '../../../portal.tx';
import { PortalAuthRepository } from '../../infrastructure/portal-auth.repository';
import { hashPortalSecret, IssuedPortalSession, PortalTokensService } from '../../infrastructure/portal-tokens.service';
import { RefreshPortalSessionCommand } from './refresh-portal-session.command';

const INVALID_REFRESH = 'The refresh token is invalid, expired or already used. Sign in again.';

/**
 * Rotation: a refresh token is spent by exactly one refresh (a conditional UPDATE in the client's transaction, so
 * two racing refreshes cannot both win, and a disabled account or inactive patient spends nothing: the client's
 * policy shows no row). A spent token presented again was copied: its whole family is revoked.
 */
@CommandHandler(RefreshPortalSessionCommand)
@OutsideUseCasePipeline('renews a portal session before any tenant is chosen; audits with explicit clients')
export class RefreshPortalSessionHandler implements ICommandHandler<RefreshPortalSessionCommand> {
  constructor(
    private readonly repo: PortalAuthRepository,
    private readonly db: PortalAuthDb,
    private readonly tokens: PortalTokensService,
    private readonly audit: AuditService,
  ) {}

  async execute({ refreshToken }: RefreshPortalSessionCommand): Promise<IssuedPortalSession> {
    const tokenHash = hashPortalSecret(refreshToken);
    const found = await this.repo.refreshTokenSession(tokenHash);
    if (found && !found.used && !found.revoked && !found.expired) {
      const session = await this.db.asClient(found.organizationId, found.accountId, async (tx) => {
        const spent = await tx.portalRefreshToken.updateMany({
          where: { organizationId: found.organizationId, tokenHash, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
          data: { usedAt: new Date() },
        });
        if (spent.count !== 1) return null;
        const issued = await this.tokens.issue(tx, found, found.familyId);
        await this.audit.recordIn(tx, {
          organizationId: found.organizationId,
          actorUserId: found.accountId,
          actorType: 'client',
          action: 'portal.auth.refresh',
          resourceType: 'portal_session',
          resourceId: found.familyId,
          patientId: found.patientId,
          outcome: 'success',
        });
        return issued;
      });
      if (session) return session;
    }
    const reuse = Boolean(found && found.used && !found.revoked);
    if (reuse) await this.repo.revokeFamilyOf(tokenHash);
    await this.audit.recordDetached({
      organizationId: found?.organizationId ?? null,
      actorUserId: found?.accountId ?? null,
      actorType: found ? 'client' : 'anonymous',
      action: 'portal.auth.refresh',
      resourceType: 'portal_session',
      resourceId: found?.familyId ?? null,
      patientId: found?.patientId ?? null,
      outcome: 'denied',
      reason: !found
        ? 'unknown_token'
        : reuse
          ? 'reuse_detected_family_revoked'
          : found.revoked
            ? 'revoked'
            : found.expired
              ? 'expired'
              : 'account_disabled_or_patient_inactive',
    });
    throw new UnauthorizedError(INVALID_REFRESH);
  }
}
