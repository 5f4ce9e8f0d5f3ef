import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { RequirePermission } from '@cairn/platform/tenancy';

import { DisablePortalAccountCommand } from '../commands/disable-portal-account/disable-portal-account.command';
import { InvitePortalClientCommand } from '../commands/invite-portal-client/invite-portal-client.command';
import type { PortalAccountView } from '../domain/portal-account.view';
import { GetPortalAccountQuery } from '../queries/get-portal-account/get-portal-account.query';
import { InvitePortalClientDto, PortalAccountResponseDto, PortalInvitationResponseDto } from './portal-accounts.dto';

const NO_ACCOUNT = 'No portal account for that patient in your scope.';
const patientId = new ParseIdPipe(() => new NotFoundError('No patient with that id in your scope.'));

function found(a: PortalAccountView | null): PortalAccountView {
  if (!a) throw new NotFoundError(NO_ACCOUNT);
  return a;
}

/** Staff manage a patient's portal account: invite (returns the link once), read its state, disable it. */
@ApiTags('portal-accounts')
@Controller({ path: 'patients', version: '1' })
export class PortalAccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':id/portal-account/invitations')
  @RequirePermission('portal.accounts.manage')
  @ApiOperation({
    summary: 'Invite a patient to the client portal',
    description:
      'Permission: `portal.accounts.manage`. Creates the account (one per patient) or supersedes earlier invitations; returns the single-use link once and publishes `portal_invitation_created.v1` for a mailer. 409 for an active account or an email in use.',
  })
  @ApiCreatedResponse({ type: PortalInvitationResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  invite(@Param('id', patientId) id: string, @Body() dto: InvitePortalClientDto) {
    return this.commands.execute(new InvitePortalClientCommand(id, dto.email));
  }

  @Get(':id/portal-account')
  @RequirePermission('portal.accounts.manage')
  @ApiOperation({ summary: "A patient's portal account", description: 'Permission: `portal.accounts.manage`. Audited.' })
  @ApiOkResponse({ type: PortalAccountResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async get(@Param('id', patientId) id: string) {
    return found(await this.queries.execute(new GetPortalAccountQuery(id)));
  }

  @Post(':id/portal-account/disable')
  @HttpCode(HttpStatus.OK)
  @RequirePermission('portal.accounts.manage')
  @ApiOperation({
    summary: "Disable a patient's portal account",
    description: 'Permission: `portal.accounts.manage`. Every session of the account ends at once.',
  })
  @ApiOkResponse({ type: PortalAccountResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async disable(@Param('id', patientId) id: string) {
    return found(await this.commands.execute(new DisablePortalAccountCommand(id)));
  }
}
