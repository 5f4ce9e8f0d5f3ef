import type { DsRow } from '../../dashboards.tx';
import type { FeedView } from '../commands/register-feed/register-feed.command';
import { feedSource } from './feed.rules';

/** A feed as the admin sees it, with its state from the source status (never its credential). */
export function feedView(
  f: DsRow<'dsInboundFeed'>,
  status: DsRow<'dsSourceStatus'> | null,
  signals: readonly string[],
  now: Date,
): FeedView {
  let state: FeedView['state'];
  if (f.revokedAt) state = 'revoked';
  else if (!status?.lastSuccessAt && status?.status !== 'failing') state = 'never-posted';
  else if (status.status === 'failing') state = 'failing';
  else if (now.getTime() - status.lastSuccessAt!.getTime() > status.expectedIntervalSeconds * 1000) state = 'silent';
  else state = 'ok';
  return {
    feedKey: f.feedKey,
    source: feedSource(f.feedKey),
    domain: f.domain,
    updateModel: f.updateModel,
    expectedIntervalSeconds: f.expectedIntervalSeconds,
    createdAt: f.createdAt.toISOString(),
    revokedAt: f.revokedAt?.toISOString() ?? null,
    state,
    lastPostAt: status?.lastSuccessAt?.toISOString() ?? null,
    signals: [...signals].sort(),
  };
}
