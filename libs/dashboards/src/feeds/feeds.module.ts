import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { DashboardChangesGateway } from '../refresh/infrastructure/dashboard-changes.gateway';
import { PostFeedSignalsHandler } from './commands/post-feed-signals/post-feed-signals.handler';
import { RegisterFeedHandler } from './commands/register-feed/register-feed.handler';
import { FeedsController } from './http/feeds.controller';
import { ListFeedsHandler } from './queries/list-feeds/list-feeds.handler';

/** The inbound feed API: registration (credential shown once), posts, and their state (issue 16 item 10). */
@Module({
  imports: [CqrsModule],
  controllers: [FeedsController],
  providers: [DashboardChangesGateway, RegisterFeedHandler, ListFeedsHandler, PostFeedSignalsHandler],
})
export class FeedsModule {}
