import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import { signalsOf } from '../../../definitions/domain/metric-definition.rules';
import { loadMetricDefinitions } from '../../../definitions/infrastructure/definitions.repository';
import type { FeedView } from '../../commands/register-feed/register-feed.command';
import { feedSource } from '../../domain/feed.rules';
import { feedView } from '../../domain/feed.view';
import { listFeeds } from '../../infrastructure/feeds.repository';
import { ListFeedsQuery } from './list-feeds.query';

@QueryHandler(ListFeedsQuery)
@TenantUseCase(ListFeedsQuery, { audit: { action: 'dashboards.feeds.list', resource: 'dashboard_feed' } })
export class ListFeedsHandler implements DsUseCaseHandler<ListFeedsQuery, FeedView[]> {
  async execute(_q: ListFeedsQuery, { ctx, tx, audit }: DsUseCase): Promise<FeedView[]> {
    const defs = await loadMetricDefinitions(tx, ctx.organizationId);
    const now = new Date();
    const feeds = (await listFeeds(tx, ctx.organizationId)).map(({ feed, status }) =>
      feedView(
        feed,
        status,
        defs.filter((d) => d.calculationSource === feedSource(feed.feedKey)).flatMap((d) => signalsOf(d.calculation)),
        now,
      ),
    );
    audit.scope({ feeds: feeds.length });
    return feeds;
  }
}
