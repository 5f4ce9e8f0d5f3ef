import { Controller, Get, Headers, HttpCode, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { AppConfig, CONFIG } from '@cairn/platform/config';
import { ApiProblemResponses } from '@cairn/platform/http';
import { InvalidInputError } from '@cairn/platform/kernel';
import { RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { CHANGE_ID, type DashboardChange } from '../../refresh/domain/dashboard-change.rules';
import { DashboardChangesGateway } from '../../refresh/infrastructure/dashboard-changes.gateway';
import { messageFor, type StreamSubscription } from '../domain/stream-subscription.rules';
import { STREAM_TICKET_TTL_SECONDS, StreamTicketsGateway } from '../infrastructure/stream-tickets.gateway';
import { OpenDashboardStreamQuery } from '../queries/open-dashboard-stream/open-dashboard-stream.query';
import { StreamTicketResponseDto } from './dashboard-stream.dto';

const STREAM_PATH = '/api/v1/dashboards/stream';

/**
 * The dashboards change stream (issue 16 item 3, ADR 0017): Server-Sent Events telling a browser which of the
 * metrics it may see changed (never a value: it refetches its view, permission-filtered and audited as any read).
 */
@ApiTags('dashboards')
@Controller({ path: 'dashboards/stream', version: '1' })
export class DashboardStreamController {
  private readonly logger = new Logger('DashboardStream');

  constructor(
    private readonly queries: QueryBus,
    private readonly changes: DashboardChangesGateway,
    private readonly tickets: StreamTicketsGateway,
    private readonly requestContext: RequestContextService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('tickets')
  @HttpCode(201)
  @RequirePermission('dashboards.view')
  @ApiOperation({
    summary: 'A single-use ticket to open the change stream from an EventSource',
    description:
      'Permission: `dashboards.view`. `EventSource` cannot send an Authorization header: this exchanges the bearer token of the request ' +
      `for a random ticket valid once within ${STREAM_TICKET_TTL_SECONDS} s; \`GET ${STREAM_PATH}?ticket=...\` redeems it, and the stream is ` +
      'then checked like any request made with that token (live session, organization, permission).',
  })
  @ApiCreatedResponse({ type: StreamTicketResponseDto })
  @ApiProblemResponses(401, 403)
  async ticket(@Req() req: Request): Promise<StreamTicketResponseDto> {
    const { organizationId } = this.requestContext.requireTenant();
    // Read from the request, not @Headers('authorization'): that would list the header as a required parameter in the
    // OpenAPI document, beside the bearer security scheme that already describes it.
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // The guard has accepted this request's bearer token, so it is there.
    const ticket = await this.tickets.issue(token!, organizationId);
    return { ticket, expiresInSeconds: STREAM_TICKET_TTL_SECONDS, url: `${STREAM_PATH}?ticket=${ticket}` };
  }

  @Get()
  @RequirePermission('dashboards.view')
  @ApiOperation({
    summary: 'Server-Sent Events: which metrics the caller may see just changed',
    description:
      'Permission: `dashboards.view`. Authenticate with the bearer token, or (EventSource) with `?ticket=` from POST /dashboards/stream/tickets. ' +
      'Events: `ready` (the metric keys the stream covers), `metrics-changed` (`{ metrics, days, trigger, computedAt, occurredAt, feeds }`: only ' +
      "metrics the caller's roles may see, of their organization; own-figures metrics only for changes concerning the caller), and a comment " +
      'heartbeat every DASHBOARDS_STREAM_HEARTBEAT_SECONDS. Each change has an id; reconnecting with `Last-Event-ID` (or `?lastEventId=`) ' +
      'replays the changes missed since, from the last 1000 of the organization.',
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'ticket', required: false, description: 'A stream ticket, instead of the Authorization header' })
  @ApiQuery({ name: 'lastEventId', required: false, description: 'Replay changes after this id (as the Last-Event-ID header)' })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id of the last change received (EventSource sends it on reconnect)',
  })
  @ApiOkResponse({ description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiProblemResponses(400, 401, 403)
  async stream(
    @Req() req: Request,
    @Res() res: Response,
    @Headers('last-event-id') lastEventHeader?: string,
    @Query('lastEventId') lastEventQuery?: string,
  ): Promise<void> {
    const lastEventId = lastEventHeader ?? lastEventQuery;
    if (lastEventId !== undefined && !CHANGE_ID.test(lastEventId))
      throw new InvalidInputError('Last-Event-ID is not a change id.', [
        { field: 'lastEventId', message: 'an id such as 1764950000000-0' },
      ]);
    const sub = await this.queries.execute<OpenDashboardStreamQuery, StreamSubscription>(new OpenDashboardStreamQuery());

    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    req.socket.setKeepAlive(true);
    req.socket.setNoDelay(true);

    let open = true;
    const send = (event: string, data: unknown, id?: string) => {
      if (!open) return;
      res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const deliver = (change: DashboardChange) => {
      const message = messageFor(sub, change);
      if (message) send('metrics-changed', message, change.id);
    };
    // Listen before replaying, so nothing published in between is lost (a change may then arrive twice: same id).
    const buffered: DashboardChange[] = [];
    let replaying = lastEventId !== undefined;
    const stop = await this.changes.listen((change) => (replaying ? buffered.push(change) : deliver(change)));
    res.write(`retry: 3000\n\n`);
    send('ready', { organizationId: sub.organizationId, metrics: sub.metrics.map((m) => m.metricKey).sort() });
    if (lastEventId !== undefined) {
      const seen = new Set<string>();
      try {
        for (const change of await this.changes.since(sub.organizationId, lastEventId)) {
          if (change.id) seen.add(change.id);
          deliver(change);
        }
      } catch (e) {
        this.logger.warn(`could not replay dashboard changes: ${e instanceof Error ? e.message : String(e)}`);
      }
      replaying = false;
      for (const change of buffered) if (!change.id || !seen.has(change.id)) deliver(change);
    }
    const heartbeat = setInterval(() => {
      if (open) res.write(`: heartbeat ${new Date().toISOString()}\n\n`);
    }, this.config.DASHBOARDS_STREAM_HEARTBEAT_SECONDS * 1000);
    req.on('close', () => {
      open = false;
      clearInterval(heartbeat);
      stop();
    });
  }
}
