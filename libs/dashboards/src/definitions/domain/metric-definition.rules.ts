import { InvalidInputError } from '@cairn/platform/kernel';

export const DOMAINS = ['Operational', 'Clinical', 'Financial', 'Compliance', 'Engagement'] as const;
export type MetricDomain = (typeof DOMAINS)[number];

export const UPDATE_MODELS = ['real-time', 'near-real-time', 'batch'] as const;
export type UpdateModel = (typeof UPDATE_MODELS)[number];

/** How a metric's value derives from the contract's buckets of its signals. */
export type Calculation =
  { op: 'sum'; signal: string } | { op: 'latest'; signal: string } | { op: 'ratio'; signal: string; denominator: string };

/** Who may receive a metric, and the widest scope it is shown at. */
export interface VisibilityRules {
  roles: string[];
  scope: 'own' | 'site' | 'organization';
}

/** Warn/alert levels; `direction` says which side is bad. */
export interface Thresholds {
  direction?: 'above' | 'below';
  warn?: number;
  alert?: number;
}

export type AttentionRule =
  | { kind: 'threshold' }
  | { kind: 'drift'; tolerance: number }
  | { kind: 'unusual-change'; sigma: number; minDelta: number }
  | { kind: 'overdue'; above: number };

/** A metric definition as the views use it (the practice's override merged over the platform default). */
export interface MetricDefinition {
  id: string;
  metricKey: string;
  name: string;
  domain: MetricDomain;
  calculationSource: string;
  calculation: Calculation;
  unit: string;
  updateModel: UpdateModel;
  freshnessLabel: 'live' | 'updated-ago' | 'as-of';
  visibilityRules: VisibilityRules;
  target: number | null;
  thresholds: Thresholds;
  attentionRules: AttentionRule[];
  drillKey: string | null;
  /** true when the practice overrides the platform default. */
  overridden: boolean;
}

/** The fields that make up the calculation: the platform owns them; no practice may change them. */
export const CALCULATION_FIELDS = [
  'metricKey',
  'name',
  'domain',
  'calculationSource',
  'calculation',
  'unit',
  'updateModel',
  'freshnessLabel',
  'drillKey',
] as const;

/** What a practice admin may change on a metric. */
export interface MetricDefinitionChange {
  target?: number | null;
  thresholds?: Thresholds;
  visibilityRules?: VisibilityRules;
  attentionRules?: AttentionRule[];
}

const ROLE = /^[a-z_]+$/;

/**
 * Validates a practice's change of a metric definition: only target, thresholds, visibility and attention rules;
 * any calculation field (or unknown field) is refused naming the field. Returns the normalized change.
 */
export function validateMetricChange(body: Record<string, unknown>, knownRoles: readonly string[]): MetricDefinitionChange {
  const errors: { field: string; message: string }[] = [];
  for (const key of Object.keys(body)) {
    if ((CALCULATION_FIELDS as readonly string[]).includes(key))
      errors.push({
        field: key,
        message: `${key} is part of the calculation, which the platform owns; a practice may change target, thresholds, visibilityRules and attentionRules only`,
      });
    else if (!['target', 'thresholds', 'visibilityRules', 'attentionRules'].includes(key))
      errors.push({ field: key, message: `${key} is not a field of a metric definition a practice may change` });
  }
  const change: MetricDefinitionChange = {};
  if ('target' in body) {
    const t = body['target'];
    if (t !== null && (typeof t !== 'number' || !Number.isFinite(t)))
      errors.push({ field: 'target', message: 'target must be a number or null' });
    else change.target = t;
  }
  if ('thresholds' in body) {
    const th = body['thresholds'];
    if (!th || typeof th !== 'object' || Array.isArray(th)) errors.push({ field: 'thresholds', message: 'thresholds must be an object' });
    else {
      const o = th as Record<string, unknown>;
      const out: Thresholds = {};
      for (const k of Object.keys(o)) {
        if (k === 'direction') {
          if (o[k] !== 'above' && o[k] !== 'below')
            errors.push({ field: 'thresholds.direction', message: "direction must be 'above' or 'below'" });
          else out.direction = o[k] as 'above' | 'below';
        } else if (k === 'warn' || k === 'alert') {
          if (typeof o[k] !== 'number' || !Number.isFinite(o[k]))
            errors.push({ field: `thresholds.${k}`, message: `${k} must be a number` });
          else out[k] = o[k] as number;
        } else errors.push({ field: `thresholds.${k}`, message: 'thresholds take direction, warn and alert only' });
      }
      if ((out.warn !== undefined || out.alert !== undefined) && !out.direction)
        errors.push({ field: 'thresholds.direction', message: 'a threshold needs a direction' });
      change.thresholds = out;
    }
  }
  if ('visibilityRules' in body) {
    const v = body['visibilityRules'] as Record<string, unknown> | null;
    const roles = v && Array.isArray(v['roles']) ? (v['roles'] as unknown[]) : null;
    if (!v || typeof v !== 'object' || !roles)
      errors.push({ field: 'visibilityRules.roles', message: 'visibilityRules.roles must be a list of role keys' });
    else {
      const bad = roles.filter((r) => typeof r !== 'string' || !ROLE.test(r) || !knownRoles.includes(r));
      if (bad.length) errors.push({ field: 'visibilityRules.roles', message: `unknown role(s): ${bad.map(String).join(', ')}` });
      const scope = v['scope'] ?? 'organization';
      if (scope !== 'own' && scope !== 'site' && scope !== 'organization')
        errors.push({ field: 'visibilityRules.scope', message: "scope must be 'own', 'site' or 'organization'" });
      change.visibilityRules = { roles: [...new Set(roles as string[])], scope: scope as VisibilityRules['scope'] };
    }
  }
  if ('attentionRules' in body) {
    const rules = body['attentionRules'];
    if (!Array.isArray(rules)) errors.push({ field: 'attentionRules', message: 'attentionRules must be a list' });
    else {
      change.attentionRules = rules.map((r: unknown, i) => {
        const rule = parseAttentionRule(r);
        if (!rule)
          errors.push({ field: `attentionRules.${i}`, message: 'not a valid attention rule (threshold, drift, unusual-change, overdue)' });
        return rule as AttentionRule;
      });
    }
  }
  if (Object.keys(body).length === 0) errors.push({ field: 'body', message: 'nothing to change' });
  if (errors.length) throw new InvalidInputError('The metric definition change is not valid.', errors);
  return change;
}

export function parseAttentionRule(r: unknown): AttentionRule | null {
  if (!r || typeof r !== 'object') return null;
  const o = r as Record<string, unknown>;
  const num = (k: string): number | null =>
    typeof o[k] === 'number' && Number.isFinite(o[k]) && (o[k] as number) >= 0 ? (o[k] as number) : null;
  switch (o['kind']) {
    case 'threshold':
      return { kind: 'threshold' };
    case 'drift': {
      const tolerance = num('tolerance');
      return tolerance === null ? null : { kind: 'drift', tolerance };
    }
    case 'unusual-change': {
      const sigma = num('sigma');
      const minDelta = num('minDelta');
      return sigma === null || minDelta === null ? null : { kind: 'unusual-change', sigma, minDelta };
    }
    case 'overdue': {
      const above = num('above');
      return above === null ? null : { kind: 'overdue', above };
    }
    default:
      return null;
  }
}

/** The signal keys a calculation reads. */
export function signalsOf(c: Calculation): string[] {
  return c.op === 'ratio' ? [c.signal, c.denominator] : [c.signal];
}
