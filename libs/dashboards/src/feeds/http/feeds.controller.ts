import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses } from '@cairn/platform/http';
import { InvalidInputError, UnauthorizedError } from '@cairn/platform/kernel';
import { systemContext } from '@cairn/platform/messaging';
import { Public, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { DS_SYSTEM_DB, type DsSystemDb } from '../../dashboards.tx';
import { DashboardChangesGateway } from '../../refresh/infrastructure/dashboard-changes.gateway';
import { PostFeedSignalsCommand, type FeedPostResult } from '../commands/post-feed-signals/post-feed-signals.command';
import { RegisterFeedCommand, type FeedView, type RegisteredFeed } from '../commands/register-feed/register-feed.command';
import { FEED_CREDENTIAL, FEED_KEY, feedSource, hashFeedCredential } from '../domain/feed.rules';
import { authenticateFeed } from '../infrastructure/feeds.repository';
import { ListFeedsQuery } from '../queries/list-feeds/list-feeds.query';
import {
  InboundFeedDto,
  InboundFeedPostResultDto,
  PostInboundFeedSignalsDto,
  RegisteredInboundFeedDto,
  RegisterInboundFeedDto,
} from './feeds.dto';

/** The inbound feed API (issue 16 item 10, ADR 0017). */
@ApiTags('dashboards')
@Controller({ path: 'dashboards/feeds', version: '1' })
export class FeedsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(DS_SYSTEM_DB) private readonly prisma: DsSystemDb,
    private readonly requestContext: RequestContextService,
    private readonly changes: DashboardChangesGateway,
  ) {}

  @Post()
  @RequirePermission('dashboards.metrics.manage')
  @ApiOperation({
    summary: 'Register an inbound feed and receive its credential (shown once)',
    description:
      'Permission: `dashboards.metrics.manage`. The feed posts pre-aggregated values for this organization only, as source `feed:<feedKey>`, ' +
      'for the signals metric definitions read from that source (no platform definition reads a feed since the portal became the Engagement source; a connected system posts for definitions naming `feed:<feedKey>`). ' +
      "Only the credential's SHA-256 is stored. 409 when the key is taken.",
  })
  @ApiCreatedResponse({ type: RegisteredInboundFeedDto })
  @ApiProblemResponses(400, 401, 403, 409)
  async register(@Body() dto: RegisterInboundFeedDto): Promise<RegisteredInboundFeedDto> {
    return this.commands.execute<RegisterFeedCommand, RegisteredFeed>(new RegisterFeedCommand({ ...dto }));
  }

  @Get()
  @RequirePermission('dashboards.metrics.manage')
  @ApiOperation({
    summary: "The organization's inbound feeds and their state",
    description: 'Permission: `dashboards.metrics.manage`. Never a credential.',
  })
  @ApiOkResponse({ type: [InboundFeedDto] })
  @ApiProblemResponses(401, 403)
  async list(): Promise<InboundFeedDto[]> {
    return this.queries.execute<ListFeedsQuery, FeedView[]>(new ListFeedsQuery());
  }

  @Post(':feedKey/signals')
  @HttpCode(200)
  @Public()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'A connected system posts pre-aggregated values (feed credential)',
    description:
      "Authentication: the feed's credential as `Authorization: Bearer cfd_...` (not a staff token); it names the organization. " +
      'Values are validated (only the signals the feed supplies, calendar days, finite numbers, known sites; errors name the field) and ' +
      'stored whole or not at all; a repeated `senderId` answers `duplicate` and stores nothing. A feed that stops posting for longer than ' +
      'its expected interval is shown stale (silent) on every tile it feeds.',
  })
  @ApiParam({ name: 'feedKey', example: 'portal' })
  @ApiOkResponse({ type: InboundFeedPostResultDto })
  @ApiProblemResponses(400, 401, 404, 422)
  async post(
    @Param('feedKey') feedKey: string,
    @Headers('authorization') authorization: string | undefined,
    @Body() dto: PostInboundFeedSignalsDto,
  ): Promise<InboundFeedPostResultDto> {
    if (!FEED_KEY.test(feedKey))
      throw new InvalidInputError('Not a feed key.', [{ field: 'feedKey', message: 'a feed key such as portal' }]);
    const credential = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const feed =
      credential && FEED_CREDENTIAL.test(credential) ? await authenticateFeed(this.prisma, feedKey, hashFeedCredential(credential)) : null;
    if (!feed) throw new UnauthorizedError('A valid credential of this feed is required.');
    // The credential's organization, as the system: the use case runs under that tenant (row-level security applies).
    this.requestContext.setTenant(systemContext(feed.organizationId));
    const result = await this.commands.execute<PostFeedSignalsCommand, FeedPostResult>(
      new PostFeedSignalsCommand(feed.organizationId, feedKey, dto.senderId, dto.values),
    );
    if (result.outcome === 'accepted') {
      const source = feedSource(feedKey);
      await this.changes.publish({
        organizationId: feed.organizationId,
        trigger: 'feed',
        cause: feedKey,
        sources: [source],
        signals: [...new Set(dto.values.map((v) => v.metricKey))],
        days: [...new Set(dto.values.map((v) => v.day))].sort(),
        providerIds: [],
        status: { [source]: 'ok' },
        computedAt: result.receivedAt,
        occurredAt: result.receivedAt,
      });
    }
    return result;
  }
}
