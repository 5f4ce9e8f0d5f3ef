import { InvalidInputError } from '@cairn/platform/kernel';

import { DOMAINS, type MetricDomain } from './metric-definition.rules';

export interface ViewDefinition {
  id: string;
  viewKey: string;
  name: string;
  roleBinding: string[];
  enabledModules: MetricDomain[];
  permissionScope: 'site' | 'group' | 'individual-panel';
  metricKeys: string[];
  coreMetricKeys: string[];
  layoutVersion: number;
  userLayoutEnabled: boolean;
  overridden: boolean;
}

/** The view a caller lands on (GET /dashboards/me): the first in this order one of their roles is bound to. */
export const VIEW_PRECEDENCE = ['manager', 'treatment-coordinator', 'front-of-house', 'practitioner'] as const;

/** The comparison view: reached only through /dashboards/cross-site with dashboards.cross-site.view. */
export const GROUP_VIEW_KEY = 'group';

export function landingView(views: readonly ViewDefinition[], roles: readonly string[]): ViewDefinition | null {
  for (const key of VIEW_PRECEDENCE) {
    const v = views.find((x) => x.viewKey === key);
    if (v && v.roleBinding.some((r) => roles.includes(r))) return v;
  }
  return views.find((v) => v.viewKey !== GROUP_VIEW_KEY && v.roleBinding.some((r) => roles.includes(r))) ?? null;
}

export interface ViewDefinitionChange {
  enabledModules?: MetricDomain[];
  userLayoutEnabled?: boolean;
}

/** A practice may change which modules a view includes and whether users keep their own layout; nothing else. */
export function validateViewChange(body: Record<string, unknown>): ViewDefinitionChange {
  const errors: { field: string; message: string }[] = [];
  const change: ViewDefinitionChange = {};
  for (const key of Object.keys(body)) {
    if (key === 'enabledModules') {
      const m = body[key];
      if (!Array.isArray(m) || m.some((x) => !(DOMAINS as readonly unknown[]).includes(x)))
        errors.push({ field: 'enabledModules', message: `a list of: ${DOMAINS.join(', ')}` });
      else change.enabledModules = [...new Set(m as MetricDomain[])];
    } else if (key === 'userLayoutEnabled') {
      if (typeof body[key] !== 'boolean') errors.push({ field: 'userLayoutEnabled', message: 'true or false' });
      else change.userLayoutEnabled = body[key] as boolean;
    } else
      errors.push({
        field: key,
        message: ['roleBinding', 'permissionScope', 'metricKeys', 'coreMetricKeys', 'viewKey'].includes(key)
          ? `${key} is set by the platform; a practice may change enabledModules and userLayoutEnabled only`
          : `${key} is not a field of a view a practice may change`,
      });
  }
  if (Object.keys(body).length === 0) errors.push({ field: 'body', message: 'nothing to change' });
  if (errors.length) throw new InvalidInputError('The view definition change is not valid.', errors);
  return change;
}

export interface LayoutInput {
  metricOrder: string[];
  hiddenMetrics: string[];
}

/**
 * A user's layout of a view: an order of (some of) its metrics and the tiles to hide. Metrics outside the view are
 * refused; hiding a core metric of the role is refused (the core set is not configurable, §3.2).
 */
export function validateLayout(view: ViewDefinition, input: LayoutInput): LayoutInput {
  const errors: { field: string; message: string }[] = [];
  const outside = [...input.metricOrder, ...input.hiddenMetrics].filter((k) => !view.metricKeys.includes(k));
  if (outside.length) errors.push({ field: 'metricOrder', message: `not metrics of this view: ${[...new Set(outside)].join(', ')}` });
  const core = input.hiddenMetrics.filter((k) => view.coreMetricKeys.includes(k));
  if (core.length) errors.push({ field: 'hiddenMetrics', message: `core metrics of the role cannot be hidden: ${core.join(', ')}` });
  if (new Set(input.metricOrder).size !== input.metricOrder.length)
    errors.push({ field: 'metricOrder', message: 'a metric appears twice' });
  if (errors.length) throw new InvalidInputError('The layout is not valid.', errors);
  return { metricOrder: input.metricOrder, hiddenMetrics: [...new Set(input.hiddenMetrics)] };
}

/** The view's metric keys in the user's order (keys they did not place keep the view's order after them), minus hidden ones. */
export function applyLayout(view: ViewDefinition, layout: LayoutInput | null): string[] {
  if (!layout || !view.userLayoutEnabled) return [...view.metricKeys];
  const placed = layout.metricOrder.filter((k) => view.metricKeys.includes(k));
  const rest = view.metricKeys.filter((k) => !placed.includes(k));
  return [...placed, ...rest].filter((k) => view.coreMetricKeys.includes(k) || !layout.hiddenMetrics.includes(k));
}
