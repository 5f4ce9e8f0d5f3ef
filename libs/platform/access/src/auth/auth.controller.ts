import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';

import { Authenticated, Public, RequestContextService } from '@cairn/platform/tenancy';

import { LoginCommand } from '../commands/login/login.command';
import { LoginDto, SessionDto } from '../commands/login/login.dto';
import { LogoutCommand } from '../commands/logout/logout.command';
import { RefreshSessionCommand } from '../commands/refresh-session/refresh-session.command';
import { RefreshSessionDto } from '../commands/refresh-session/refresh-session.dto';
import { GetMeQuery } from '../queries/get-me/get-me.query';
import { MeDto } from '../queries/get-me/me.dto';

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(
    private readonly commands: CommandBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description: 'Throttled per account and per IP; every failure is audited. Permission: public.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'Invalid email or password (the same answer whether or not the email exists)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this account or IP' })
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<SessionDto> {
    return this.commands.execute(new LoginCommand(dto.email, dto.password, req.ip ?? 'unknown'));
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new session',
    description: 'Rotates the refresh token; reuse of a spent token revokes its whole family. Permission: public.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'Invalid, expired, revoked or already-used refresh token' })
  refresh(@Body() dto: RefreshSessionDto): Promise<SessionDto> {
    return this.commands.execute(new RefreshSessionCommand(dto.refreshToken));
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'End the current session',
    description: 'Revokes the refresh-token family; access tokens of the session stop working at once. Permission: any signed-in user.',
  })
  @ApiNoContentResponse()
  async logout(): Promise<void> {
    const p = this.requestContext.principal!;
    await this.commands.execute(new LogoutCommand(p.userId, p.sessionId));
  }
}

@ApiTags('auth')
@Controller({ path: 'me', version: '1' })
export class MeController {
  constructor(
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: "The caller's organizations, sites, roles and permission keys", description: 'Permission: any signed-in user.' })
  @ApiOkResponse({ type: MeDto })
  me(): Promise<MeDto> {
    return this.queries.execute(new GetMeQuery(this.requestContext.principal!));
  }
}
