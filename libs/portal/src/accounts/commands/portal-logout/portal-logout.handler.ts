import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { PortalLogoutCommand } from './portal-logout.command';

/** Revokes every refresh token of the session's family: its access tokens stop working at the next request. */
@CommandHandler(PortalLogoutCommand)
@TenantUseCase(PortalLogoutCommand, { audit: { action: 'portal.auth.logout', resource: 'portal_session', id: (c) => c.sessionId } })
export class PortalLogoutHandler implements PortalUseCaseHandler<PortalLogoutCommand, { revoked: number }> {
  async execute({ sessionId }: PortalLogoutCommand, { ctx, tx }: PortalUseCase): Promise<{ revoked: number }> {
    const r = await tx.portalRefreshToken.updateMany({
      where: { organizationId: ctx.organizationId, accountId: ctx.userId, familyId: sessionId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return { revoked: r.count };
  }
}
