import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';

import { AccessModule } from '@cairn/platform/access';
import { AuditModule } from '@cairn/platform/audit';
import { AppConfig, CONFIG } from '@cairn/platform/config';
import { PortalAuthenticator } from '@cairn/platform/tenancy';

import { PortalAuthDb } from '../portal.tx';
import { AcceptPortalInvitationHandler } from './commands/accept-portal-invitation/accept-portal-invitation.handler';
import { DisablePortalAccountHandler } from './commands/disable-portal-account/disable-portal-account.handler';
import { InvitePortalClientHandler } from './commands/invite-portal-client/invite-portal-client.handler';
import { PortalLoginHandler } from './commands/portal-login/portal-login.handler';
import { PortalLogoutHandler } from './commands/portal-logout/portal-logout.handler';
import { RefreshPortalSessionHandler } from './commands/refresh-portal-session/refresh-portal-session.handler';
import { PortalAccountsController } from './http/portal-accounts.controller';
import { PortalAuthController } from './http/portal-auth.controller';
import { PortalAuthRepository } from './infrastructure/portal-auth.repository';
import { PortalSessionService } from './infrastructure/portal-session.service';
import { PortalTokensService } from './infrastructure/portal-tokens.service';
import { GetPortalAccountHandler } from './queries/get-portal-account/get-portal-account.handler';

/**
 * Portal accounts and sign-in (issue 18 item 1): invitations, the password, portal sessions, and the
 * PortalAuthenticator the global guard calls for every @PortalClient() route.
 */
@Module({
  imports: [
    CqrsModule,
    AuditModule,
    AccessModule,
    JwtModule.registerAsync({ inject: [CONFIG], useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET }) }),
  ],
  controllers: [PortalAuthController, PortalAccountsController],
  providers: [
    PortalAuthDb,
    PortalAuthRepository,
    PortalTokensService,
    PortalSessionService,
    { provide: PortalAuthenticator, useExisting: PortalSessionService },
    PortalLoginHandler,
    RefreshPortalSessionHandler,
    AcceptPortalInvitationHandler,
    PortalLogoutHandler,
    InvitePortalClientHandler,
    DisablePortalAccountHandler,
    GetPortalAccountHandler,
  ],
  exports: [PortalAuthenticator],
})
export class AccountsModule {}
