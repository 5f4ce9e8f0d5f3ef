import { CommandHandler } from '@nestjs/cqrs';

import { ConflictError, ForbiddenError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import { signalsOf } from '../../../definitions/domain/metric-definition.rules';
import { loadMetricDefinitions } from '../../../definitions/infrastructure/definitions.repository';
import { feedSource, newFeedCredential, validateRegistration } from '../../domain/feed.rules';
import { feedView } from '../../domain/feed.view';
import { findFeed, insertFeed } from '../../infrastructure/feeds.repository';
import { RegisterFeedCommand, type RegisteredFeed } from './register-feed.command';

@CommandHandler(RegisterFeedCommand)
@TenantUseCase(RegisterFeedCommand, { audit: { action: 'dashboards.feeds.register', resource: 'dashboard_feed' } })
export class RegisterFeedHandler implements DsUseCaseHandler<RegisterFeedCommand, RegisteredFeed> {
  async execute(cmd: RegisterFeedCommand, { ctx, tx, audit, principal }: DsUseCase): Promise<RegisteredFeed> {
    if (!principal) throw audit.refuse('no_staff_user', new ForbiddenError('Feeds are registered by a signed-in admin.'));
    const r = cmd.registration;
    validateRegistration(r);
    if (await findFeed(tx, ctx.organizationId, r.feedKey))
      throw new ConflictError('A feed with this key is registered already.', [{ field: 'feedKey', message: 'already registered' }]);
    const { credential, hash } = newFeedCredential();
    const row = await insertFeed(tx, ctx.organizationId, r, hash, principal.userId);
    const signals = (await loadMetricDefinitions(tx, ctx.organizationId))
      .filter((d) => d.calculationSource === feedSource(r.feedKey))
      .flatMap((d) => signalsOf(d.calculation));
    audit.scope({ feedKey: r.feedKey, domain: r.domain, updateModel: r.updateModel, expectedIntervalSeconds: r.expectedIntervalSeconds });
    return { feed: feedView(row, null, [...new Set(signals)], new Date()), credential };
  }
}
