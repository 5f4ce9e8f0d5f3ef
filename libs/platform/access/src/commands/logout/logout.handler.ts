import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';

import { AuditService } from '@cairn/platform/audit';
import { PrismaService } from '@cairn/platform/db';
import { OutsideUseCasePipeline } from '@cairn/platform/use-case';

import { PrincipalCache } from '../../principal/principal-cache';
import { LogoutCommand } from './logout.command';

/** Revokes the session: every refresh token of its family, and with it every access token naming it. */
@CommandHandler(LogoutCommand)
@OutsideUseCasePipeline('ends a session of the principal, not of an organization; audits with an explicit client')
export class LogoutHandler implements ICommandHandler<LogoutCommand> {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  async execute({ userId, sessionId }: LogoutCommand): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.refreshToken.updateMany({
        where: { familyId: sessionId, staffUserId: userId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      // Recorded in the request's organization when it has one (the transaction carries that context).
      await this.audit.recordIn(tx, {
        actorUserId: userId,
        action: 'auth.logout',
        resourceType: 'session',
        resourceId: sessionId,
        outcome: 'success',
      });
    });
    await this.principals.invalidateSession(sessionId);
  }
}
