import { Command } from '@nestjs/cqrs';

import type { FeedRegistration } from '../../domain/feed.rules';

export interface FeedView {
  feedKey: string;
  source: string;
  domain: string;
  updateModel: string;
  expectedIntervalSeconds: number;
  createdAt: string;
  revokedAt: string | null;
  /** ok, failing, silent (no post within the expected interval), never-posted. */
  state: 'ok' | 'failing' | 'silent' | 'never-posted' | 'revoked';
  lastPostAt: string | null;
  /** The signal keys the feed may post: those metric definitions of this organization read from it. */
  signals: string[];
}

export interface RegisteredFeed {
  feed: FeedView;
  /** Shown once: only its SHA-256 is stored. Send it as `Authorization: Bearer <credential>` to POST /feeds/:feedKey/signals. */
  credential: string;
}

/** An admin registers an inbound feed (issue 16 item 10) and receives its credential, once. */
export class RegisterFeedCommand extends Command<RegisteredFeed> {
  constructor(readonly registration: FeedRegistration) {
    super();
  }
}
