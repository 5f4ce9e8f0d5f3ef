import { CommandHandler } from '@nestjs/cqrs';

import { ForbiddenError, InvalidInputError, NotFoundError } from '@cairn/platform/kernel';
import type { SignalSourceKey } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import { signalsOf } from '../../../definitions/domain/metric-definition.rules';
import { loadMetricDefinitions } from '../../../definitions/infrastructure/definitions.repository';
import { recordSourceSuccess } from '../../../metric-store/infrastructure/metric-values.repository';
import { organizationSites } from '../../../views/infrastructure/dashboard-read.repository';
import { feedSource, validateFeedValues } from '../../domain/feed.rules';
import { findFeed, recordSubmission, upsertFeedValues } from '../../infrastructure/feeds.repository';
import { PostFeedSignalsCommand, type FeedPostResult } from './post-feed-signals.command';

const SENDER_ID = /^[A-Za-z0-9._:-]{1,100}$/;

@CommandHandler(PostFeedSignalsCommand)
@TenantUseCase(PostFeedSignalsCommand, {
  audit: { action: 'dashboards.feeds.post', resource: 'dashboard_feed', actor: 'derived-from-context' },
})
export class PostFeedSignalsHandler implements DsUseCaseHandler<PostFeedSignalsCommand, FeedPostResult> {
  async execute(cmd: PostFeedSignalsCommand, { ctx, tx, audit }: DsUseCase): Promise<FeedPostResult> {
    if (cmd.organizationId !== ctx.organizationId)
      throw audit.refuse('other_organization', new ForbiddenError('A feed posts only for its own organization.'));
    if (!SENDER_ID.test(cmd.senderId))
      throw new InvalidInputError('The sender id is not valid.', [{ field: 'senderId', message: '1-100 letters, digits, . _ : -' }]);
    const feed = await findFeed(tx, ctx.organizationId, cmd.feedKey);
    if (!feed || feed.revokedAt) throw new NotFoundError('No such feed.');
    const source = feedSource(cmd.feedKey);
    const allowed = new Set(
      (await loadMetricDefinitions(tx, ctx.organizationId))
        .filter((d) => d.calculationSource === source)
        .flatMap((d) => signalsOf(d.calculation)),
    );
    const sites = new Set((await organizationSites(tx, ctx.organizationId)).map((s) => s.id));
    validateFeedValues(cmd.values, allowed, sites);
    const receivedAt = new Date();
    audit.scope({ feedKey: cmd.feedKey, senderId: cmd.senderId, values: cmd.values.length });
    if (!(await recordSubmission(tx, ctx.organizationId, cmd.feedKey, cmd.senderId, cmd.values.length))) {
      audit.scope({ duplicate: true });
      return { feedKey: cmd.feedKey, senderId: cmd.senderId, outcome: 'duplicate', values: 0, receivedAt: receivedAt.toISOString() };
    }
    await upsertFeedValues(tx, ctx.organizationId, source, cmd.values, receivedAt);
    await recordSourceSuccess(tx, ctx.organizationId, source as SignalSourceKey, receivedAt, feed.expectedIntervalSeconds);
    return {
      feedKey: cmd.feedKey,
      senderId: cmd.senderId,
      outcome: 'accepted',
      values: cmd.values.length,
      receivedAt: receivedAt.toISOString(),
    };
  }
}
