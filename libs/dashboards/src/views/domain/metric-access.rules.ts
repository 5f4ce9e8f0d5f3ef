import type { MetricDefinition } from '../../definitions/domain/metric-definition.rules';
import { Caller, OWN_FIGURES_ROLES } from './filters.rules';

/** How a caller may see a metric: not at all, only their own figures, or within their site scope. */
export type MetricAccess = 'none' | 'own' | 'scoped';

/**
 * RBAC per metric (§13.2 rule 1, §14 security): a metric reaches a caller only when one of their roles is in its
 * visibility rules. When every role that grants it is a practitioner role, or the rule's scope is 'own', the caller
 * sees only their own figures, which a metric that is not provider-bound cannot give: then it is not shown at all.
 */
export function metricAccess(def: MetricDefinition, caller: Caller, providerBound: boolean): MetricAccess {
  const granting = caller.roles.filter((r) => def.visibilityRules.roles.includes(r));
  if (granting.length === 0) return 'none';
  const own = def.visibilityRules.scope === 'own' || granting.every((r) => OWN_FIGURES_ROLES.includes(r));
  if (!own) return 'scoped';
  return providerBound ? 'own' : 'none';
}
