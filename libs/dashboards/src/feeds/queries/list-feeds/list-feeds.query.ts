import { Query } from '@nestjs/cqrs';

import type { FeedView } from '../../commands/register-feed/register-feed.command';

/** The organization's inbound feeds with their state (never a credential). */
export class ListFeedsQuery extends Query<FeedView[]> {}
