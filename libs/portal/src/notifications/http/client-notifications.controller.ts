import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { InvalidInputError, NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService } from '@cairn/platform/tenancy';

import { MarkAllClientNotificationsReadCommand } from '../commands/mark-all-client-notifications-read/mark-all-client-notifications-read.command';
import { MarkClientNotificationReadCommand } from '../commands/mark-client-notification-read/mark-client-notification-read.command';
import type { ClientNotificationView } from '../domain/client-notification.view';
import {
  ListClientNotificationsQuery,
  type ClientNotificationPage,
} from '../queries/list-client-notifications/list-client-notifications.query';
import {
  ClientNotificationPageDto,
  ClientNotificationResponseDto,
  ListClientNotificationsDto,
  MarkedClientNotificationsDto,
} from './client-notifications.dto';

const NOT_FOUND = 'No notification with that id in your portal.';
const BAD_ID = 'id must be a notification id (a UUID)';
const notificationId = new ParseIdPipe(() => new InvalidInputError(BAD_ID, [{ field: 'id', message: BAD_ID }]));

/** What is new for the signed-in client (homework, resources, summaries, audio, reviews, decisions, prompts). */
@ApiTags('portal-client-notifications')
@Controller({ path: 'portal/notifications', version: '1' })
export class ClientNotificationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  private get patientId(): string {
    return this.requestContext.portalClient!.patientId;
  }

  @Get()
  @PortalClient()
  @ApiOperation({
    summary: "The client's notifications (paginated, newest first) and the unread count",
    description: 'Permission: a signed-in portal client (their own only). Audited.',
  })
  @ApiOkResponse({ type: ClientNotificationPageDto })
  @ApiProblemResponses(400, 401)
  list(@Query() q: ListClientNotificationsDto): Promise<ClientNotificationPage> {
    return this.queries.execute(
      new ListClientNotificationsQuery(this.patientId, { unreadOnly: q.unread === 'true', page: q.page, pageSize: q.pageSize }),
    );
  }

  @Post('read-all')
  @HttpCode(200)
  @PortalClient()
  @ApiOperation({ summary: 'Mark every notification of the client read', description: 'Permission: a signed-in portal client. Audited.' })
  @ApiOkResponse({ type: MarkedClientNotificationsDto })
  @ApiProblemResponses(401)
  readAll(): Promise<{ marked: number }> {
    return this.commands.execute(new MarkAllClientNotificationsReadCommand(this.patientId));
  }

  @Post(':id/read')
  @HttpCode(200)
  @PortalClient()
  @ApiOperation({
    summary: 'Mark one notification read',
    description: "Permission: a signed-in portal client (their own only: another's is 404). Idempotent. Audited.",
  })
  @ApiOkResponse({ type: ClientNotificationResponseDto })
  @ApiProblemResponses(400, 401, 404)
  async read(@Param('id', notificationId) id: string): Promise<ClientNotificationView> {
    const view = await this.commands.execute(new MarkClientNotificationReadCommand(this.patientId, id));
    if (!view) throw new NotFoundError(NOT_FOUND);
    return view;
  }
}
