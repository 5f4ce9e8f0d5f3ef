import type { AttentionRule, MetricDefinition } from '../../definitions/domain/metric-definition.rules';

/**
 * An attention indicator (§3.3): a non-blocking cue with its declared trigger condition, the values it compared,
 * a text label and an icon (never colour alone, §14 accessibility), and a drill-through link. It never acts.
 */
export interface AttentionIndicator {
  rule: AttentionRule['kind'];
  level: 'warn' | 'alert';
  /** The declared trigger condition, in words (traceable to the metric and its calculation source, §13.2 rule 4). */
  condition: string;
  label: string;
  icon: 'alert-triangle' | 'target' | 'trending-up' | 'trending-down' | 'clock';
  compared: Record<string, number | null>;
  drill: string | null;
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function thresholdIndicator(def: MetricDefinition, value: number, drill: string | null): AttentionIndicator | null {
  const { direction, warn, alert } = def.thresholds;
  if (!direction) return null;
  const beyond = (limit: number | undefined): boolean => limit !== undefined && (direction === 'above' ? value >= limit : value < limit);
  const level = beyond(alert) ? 'alert' : beyond(warn) ? 'warn' : null;
  if (!level) return null;
  const limit = (level === 'alert' ? alert : warn) as number;
  return {
    rule: 'threshold',
    level,
    condition: `${def.name} ${direction === 'above' ? 'at or above' : 'below'} its ${level} threshold`,
    label: `${def.name} is ${fmt(value)}, ${direction === 'above' ? 'at or above' : 'below'} the ${level} threshold of ${fmt(limit)}`,
    icon: 'alert-triangle',
    compared: { value, threshold: limit },
    drill,
  };
}

function driftIndicator(def: MetricDefinition, value: number, tolerance: number, drill: string | null): AttentionIndicator | null {
  if (def.target === null) return null;
  const target = def.target;
  const drift = target === 0 ? Math.abs(value) : Math.abs(value - target) / Math.abs(target);
  // Only drift in the bad direction counts (thresholds.direction says which side is bad; none: both sides).
  const bad =
    def.thresholds.direction === 'above' ? value > target : def.thresholds.direction === 'below' ? value < target : value !== target;
  if (!bad || drift <= tolerance) return null;
  return {
    rule: 'drift',
    level: drift > tolerance * 2 ? 'alert' : 'warn',
    condition: `${def.name} drifts from its target by more than ${fmt(tolerance * 100)}%`,
    label: `${def.name} is ${fmt(value)} against a target of ${fmt(target)}`,
    icon: 'target',
    compared: { value, target, drift, tolerance },
    drill,
  };
}

function unusualChangeIndicator(
  def: MetricDefinition,
  value: number,
  trailing: number[],
  sigma: number,
  minDelta: number,
  drill: string | null,
): AttentionIndicator | null {
  if (trailing.length < 2) return null;
  const mean = trailing.reduce((a, b) => a + b, 0) / trailing.length;
  const sd = Math.sqrt(trailing.reduce((a, b) => a + (b - mean) ** 2, 0) / trailing.length);
  const delta = value - mean;
  if (Math.abs(delta) < minDelta || Math.abs(delta) <= sigma * sd) return null;
  return {
    rule: 'unusual-change',
    level: 'warn',
    condition: `${def.name} differs from its trailing 8-week mean by more than ${fmt(sigma)} standard deviations (and at least ${fmt(minDelta)})`,
    label: `${def.name} is ${fmt(value)}, ${delta > 0 ? 'up' : 'down'} from a trailing 8-week mean of ${fmt(mean)}`,
    icon: delta > 0 ? 'trending-up' : 'trending-down',
    compared: { value, trailingMean: mean, trailingStdDev: sd, windows: trailing.length },
    drill,
  };
}

function overdueIndicator(def: MetricDefinition, value: number, above: number, drill: string | null): AttentionIndicator | null {
  if (value <= above) return null;
  return {
    rule: 'overdue',
    level: 'alert',
    condition: `${def.name} above ${fmt(above)} (items overdue or at risk)`,
    label: `${fmt(value)} ${def.name.toLowerCase()}`,
    icon: 'clock',
    compared: { value, above },
    drill,
  };
}

/** The indicators whose declared rule fires for a value. Pure: computing them changes nothing anywhere. */
export function evaluateAttention(
  def: MetricDefinition,
  value: number | null,
  trailing: number[],
  drill: string | null,
): AttentionIndicator[] {
  if (value === null) return [];
  const out: AttentionIndicator[] = [];
  for (const rule of def.attentionRules) {
    const fired =
      rule.kind === 'threshold'
        ? thresholdIndicator(def, value, drill)
        : rule.kind === 'drift'
          ? driftIndicator(def, value, rule.tolerance, drill)
          : rule.kind === 'unusual-change'
            ? unusualChangeIndicator(def, value, trailing, rule.sigma, rule.minDelta, drill)
            : overdueIndicator(def, value, rule.above, drill);
    if (fired) out.push(fired);
  }
  return out;
}
