import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import { ApiProblemResponses } from '@cairn/platform/http';
import { PortalClient, Public, RequestContextService } from '@cairn/platform/tenancy';

import { AcceptPortalInvitationCommand } from '../commands/accept-portal-invitation/accept-portal-invitation.command';
import { PortalLoginCommand } from '../commands/portal-login/portal-login.command';
import { PortalLogoutCommand } from '../commands/portal-logout/portal-logout.command';
import { RefreshPortalSessionCommand } from '../commands/refresh-portal-session/refresh-portal-session.command';
import { AcceptPortalInvitationDto, PortalLoginDto, PortalRefreshDto, PortalSessionDto } from './portal-accounts.dto';

/**
 * The client portal's sign-in (seed §8 `POST /api/v1/portal/auth/login`). Portal sessions are apart from staff
 * sessions: their access tokens carry the `cairn-portal` audience, which every staff route refuses, and staff
 * tokens open no portal route (ADR 0015).
 */
@ApiTags('portal-auth')
@Controller({ path: 'portal/auth', version: '1' })
export class PortalAuthController {
  constructor(
    private readonly commands: CommandBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'A client signs in to the portal',
    description: 'Throttled per account and per IP; the same 401 for an unknown email and a wrong password; audited. Permission: public.',
  })
  @ApiOkResponse({ type: PortalSessionDto })
  @ApiProblemResponses(400, 401, 429)
  login(@Body() dto: PortalLoginDto, @Req() req: Request): Promise<PortalSessionDto> {
    return this.commands.execute(new PortalLoginCommand(dto.email, dto.password, req.ip ?? 'unknown'));
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a portal refresh token for a new session',
    description: 'Rotates the refresh token; reuse of a spent token revokes the whole session. Permission: public.',
  })
  @ApiOkResponse({ type: PortalSessionDto })
  @ApiProblemResponses(400, 401)
  refresh(@Body() dto: PortalRefreshDto): Promise<PortalSessionDto> {
    return this.commands.execute(new RefreshPortalSessionCommand(dto.refreshToken));
  }

  @Post('accept-invitation')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Set the portal password with an invitation token, and sign in',
    description: 'Single use, expiring token; password of 12 to 128 characters, not a common or breached one. Permission: public.',
  })
  @ApiOkResponse({ type: PortalSessionDto })
  @ApiProblemResponses(400, 401)
  accept(@Body() dto: AcceptPortalInvitationDto): Promise<PortalSessionDto> {
    return this.commands.execute(new AcceptPortalInvitationCommand(dto.token, dto.password));
  }

  @Post('logout')
  @PortalClient()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End the current portal session', description: 'Permission: a signed-in portal client.' })
  @ApiNoContentResponse()
  @ApiProblemResponses(401)
  async logout(): Promise<void> {
    await this.commands.execute(new PortalLogoutCommand(this.requestContext.portalClient!.sessionId));
  }
}
