import { Body, Controller, Get, HttpCode, Param, Post, Query, Sse } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { MarkPortalNotificationReadCommand } from '../commands/mark-portal-notification-read/mark-portal-notification-read.command';
import type { PortalNotificationView } from '../domain/portal-notification.view';
import { PortalNotificationStream } from '../infrastructure/portal-notification-stream.service';
import { ListPortalNotificationsQuery } from '../queries/list-portal-notifications/list-portal-notifications.query';
import {
  ListPortalNotificationsDto,
  MarkPortalNotificationDto,
  PortalNotificationPageDto,
  PortalNotificationResponseDto,
} from './portal-notifications.dto';

const NOT_FOUND = 'No portal notification with that id in your scope.';
const notificationId = new ParseIdPipe(() => new NotFoundError(NOT_FOUND));
/** A late commit (its created_at is its transaction's start) still reaches the stream within this window. */
const LATE_COMMIT_MS = 60_000;
const HEARTBEAT_MS = 25_000;

interface StreamEvent {
  type: string;
  id?: string;
  data: PortalNotificationView | Record<string, never>;
}

/** New portal activity of the caller's clients (seed §8 `GET /api/v1/therapist/portal-notifications`), read/unread, and live. */
@ApiTags('portal-notifications')
@Controller({ path: 'therapist/portal-notifications', version: '1' })
export class PortalNotificationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
    private readonly stream: PortalNotificationStream,
  ) {}

  @Get()
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: "New portal activity of the caller's clients",
    description: 'Permission: `portal.activity.view`. The patients whose current primary therapist the caller is; newest first; audited.',
  })
  @ApiOkResponse({ type: PortalNotificationPageDto })
  @ApiProblemResponses(400, 401, 403)
  list(@Query() q: ListPortalNotificationsDto) {
    return this.queries.execute(new ListPortalNotificationsQuery({ unreadOnly: q.unread === 'true', page: q.page, pageSize: q.pageSize }));
  }

  @Sse('stream')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: 'The same notifications as Server-Sent Events',
    description:
      'Permission: `portal.activity.view`. Events `portal-notification` (data: a notification) as they are committed, and `heartbeat`; each read is audited like the list.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiProblemResponses(401, 403)
  live(): Observable<StreamEvent> {
    const organizationId = this.requestContext.requireTenant().organizationId;
    return new Observable<StreamEvent>((subscriber) => {
      let since = new Date(Date.now() - LATE_COMMIT_MS);
      const sent = new Map<string, number>();
      const unsubscribe = this.stream.subscribe(organizationId, async () => {
        const page = await this.queries.execute(new ListPortalNotificationsQuery({ since, page: 1, pageSize: 100 }));
        for (const n of [...page.items].reverse()) {
          if (sent.has(n.notificationId)) continue;
          sent.set(n.notificationId, Date.parse(n.createdAt));
          subscriber.next({ type: 'portal-notification', id: n.notificationId, data: n });
        }
        // Slide the window, keeping the ids it still covers.
        since = new Date(Math.max(since.getTime(), Date.now() - LATE_COMMIT_MS));
        for (const [id, at] of sent) if (at <= since.getTime()) sent.delete(id);
      });
      const heartbeat = setInterval(() => subscriber.next({ type: 'heartbeat', data: {} }), HEARTBEAT_MS);
      return () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
    });
  }

  @Post(':id/read')
  @HttpCode(200)
  @RequirePermission('portal.activity.view')
  @ApiOperation({ summary: 'Mark a portal notification read or unread', description: 'Permission: `portal.activity.view`. Audited.' })
  @ApiOkResponse({ type: PortalNotificationResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  async mark(@Param('id', notificationId) id: string, @Body() dto: MarkPortalNotificationDto) {
    const view = await this.commands.execute(new MarkPortalNotificationReadCommand(id, dto.read));
    if (!view) throw new NotFoundError(NOT_FOUND);
    return view;
  }
}
