import { Command } from '@nestjs/cqrs';

import type { FeedValue } from '../../domain/feed.rules';

export interface FeedPostResult {
  feedKey: string;
  senderId: string;
  /** accepted: stored now; duplicate: this sender id was posted before, nothing stored. */
  outcome: 'accepted' | 'duplicate';
  values: number;
  receivedAt: string;
}

/**
 * A feed posts pre-aggregated values (issue 16 item 10). Sent by the feed route after the credential named the
 * organization, in that organization's system context: the values replace their cells of source `feed:<key>`, the
 * feed's status becomes ok with its declared expected interval (silent after it), and a change goes out to the
 * SSE streams. Idempotent by the sender's id.
 */
export class PostFeedSignalsCommand extends Command<FeedPostResult> {
  constructor(
    readonly organizationId: string,
    readonly feedKey: string,
    readonly senderId: string,
    readonly values: readonly FeedValue[],
  ) {
    super();
  }
}
