import { Query } from '@nestjs/cqrs';

import type { DashboardView } from '../../domain/dashboard.view';
import type { FilterInput } from '../../domain/filters.rules';

/** Which view: the caller's own (`me`), another one they are bound to (`view`), or the group comparison. */
export type DashboardTarget = { kind: 'me' } | { kind: 'view'; viewKey: string } | { kind: 'cross-site' };

/** A refusal the handler audited (a dashboard `denied` event and a denied platform row) before the answer. */
export interface DashboardDenied {
  outcome: 'denied';
  message: string;
  errors: { field: string; message: string }[];
}

export type DashboardResult = { outcome: 'ok'; dashboard: DashboardView } | DashboardDenied;

/**
 * Renders a dashboard view for the signed-in caller from the value store only: the metrics their roles may see
 * (RBAC per metric), their own figures only for practitioners, the filters checked against their scope, each value
 * with its update model, freshness label, staleness and attention indicators. Writes the dashboard audit events
 * (accessed, filtered, cross-site-accessed, or denied) in the same transaction, before the answer.
 */
export class GetDashboardQuery extends Query<DashboardResult> {
  constructor(
    readonly target: DashboardTarget,
    readonly filters: FilterInput,
  ) {
    super();
  }
}
