import { Query } from '@nestjs/cqrs';

import type { StreamSubscription } from '../../domain/stream-subscription.rules';

/**
 * Resolves what a dashboard change stream (GET /api/v1/dashboards/stream) of the signed-in caller may carry: the
 * metrics of their organization their roles may see, and which of them are their own figures only. Audited (the
 * opening of a stream is a look at which metrics change, though no value ever travels on it).
 */
export class OpenDashboardStreamQuery extends Query<StreamSubscription> {}
