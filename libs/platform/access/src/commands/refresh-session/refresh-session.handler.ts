import { UnauthorizedException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';

import { AuditService } from '@cairn/platform/audit';
import { PrismaService } from '@cairn/platform/db';
import { OutsideUseCasePipeline } from '@cairn/platform/use-case';

import { hashRefreshToken, IssuedSession, TokenService } from '../../auth/token.service';
import { PrincipalCache } from '../../principal/principal-cache';
import { RefreshSessionCommand } from './refresh-session.command';

const INVALID_REFRESH = 'The refresh token is invalid, expired or already used. Sign in again.';

/**
 * Rotation: a refresh token is spent by exactly one refresh (a conditional UPDATE, so two racing refreshes
 * cannot both win). Presenting a spent token means it was copied: the whole family (session) is revoked.
 */
@CommandHandler(RefreshSessionCommand)
@OutsideUseCasePipeline('renews a session before any tenant is chosen; audits with explicit clients')
export class RefreshSessionHandler implements ICommandHandler<RefreshSessionCommand> {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  async execute({ refreshToken }: RefreshSessionCommand): Promise<IssuedSession> {
    const tokenHash = hashRefreshToken(refreshToken);
    const outcome = await this.prisma.$transaction(async (tx) => {
      const spent = await tx.refreshToken.updateMany({
        where: { tokenHash, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() }, staffUser: { status: 'active' } },
        data: { usedAt: new Date() },
      });
      const token = await tx.refreshToken.findUnique({ where: { tokenHash } });
      if (spent.count === 1 && token) {
        const session = await this.tokens.issue(tx, token.staffUserId, token.familyId);
        await this.audit.recordIn(tx, {
          organizationId: null,
          actorUserId: token.staffUserId,
          action: 'auth.refresh',
          resourceType: 'session',
          resourceId: token.familyId,
          outcome: 'success',
        });
        return { session };
      }
      return { session: null, token };
    });
    if (outcome.session) return outcome.session;

    const token = outcome.token;
    if (token && token.usedAt && !token.revokedAt) {
      await this.prisma.refreshToken.updateMany({ where: { familyId: token.familyId, revokedAt: null }, data: { revokedAt: new Date() } });
      await this.principals.invalidateSession(token.familyId);
    }
    await this.audit.recordDetached({
      organizationId: null,
      actorUserId: token?.staffUserId ?? null,
      actorType: token ? 'staff' : 'anonymous',
      action: 'auth.refresh',
      resourceType: 'session',
      resourceId: token?.familyId ?? null,
      outcome: 'denied',
      reason: !token
        ? 'unknown_token'
        : token.usedAt && !token.revokedAt
          ? 'reuse_detected_family_revoked'
          : token.revokedAt
            ? 'revoked'
            : 'expired',
    });
    throw new UnauthorizedException(INVALID_REFRESH);
  }
}
