import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import { loadMetricDefinitions } from '../../../definitions/infrastructure/definitions.repository';
import { callerOf } from '../../../views/domain/caller.rules';
import { subscriptionFor, type StreamSubscription } from '../../domain/stream-subscription.rules';
import { OpenDashboardStreamQuery } from './open-dashboard-stream.query';

@QueryHandler(OpenDashboardStreamQuery)
@TenantUseCase(OpenDashboardStreamQuery, { audit: { action: 'dashboards.stream.open', resource: 'dashboard_stream' } })
export class OpenDashboardStreamHandler implements DsUseCaseHandler<OpenDashboardStreamQuery, StreamSubscription> {
  async execute(_q: OpenDashboardStreamQuery, { ctx, tx, audit, principal }: DsUseCase): Promise<StreamSubscription> {
    if (!principal) throw audit.refuse('no_staff_user', new ForbiddenError('A dashboard stream is opened by a signed-in staff user.'));
    const caller = callerOf(principal, ctx.organizationId);
    const sub = subscriptionFor(ctx.organizationId, caller, await loadMetricDefinitions(tx, ctx.organizationId));
    audit.scope({ roles: caller.roles, metrics: sub.metrics.length, ownOnly: sub.metrics.filter((m) => m.access === 'own').length });
    return sub;
  }
}
