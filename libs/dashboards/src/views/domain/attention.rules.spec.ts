import type { MetricDefinition } from '../../definitions/domain/metric-definition.rules';
import { evaluateAttention } from './attention.rules';

const def = (over: Partial<MetricDefinition>): MetricDefinition => ({
  id: 'id',
  metricKey: 'm',
  name: 'Metric',
  domain: 'Operational',
  calculationSource: 'pm.appointments',
  calculation: { op: 'sum', signal: 's' },
  unit: 'count',
  updateModel: 'real-time',
  freshnessLabel: 'live',
  visibilityRules: { roles: ['admin'], scope: 'organization' },
  target: null,
  thresholds: {},
  attentionRules: [],
  drillKey: null,
  overridden: false,
  ...over,
});

describe('attention indicators', () => {
  it('threshold: warn and alert in the declared direction, with the compared values, a label and an icon', () => {
    const d = def({ thresholds: { direction: 'above', warn: 3, alert: 6 }, attentionRules: [{ kind: 'threshold' }] });
    expect(evaluateAttention(d, 2, [], null)).toEqual([]);
    expect(evaluateAttention(d, 3, [], null)[0]).toMatchObject({
      rule: 'threshold',
      level: 'warn',
      compared: { value: 3, threshold: 3 },
      icon: 'alert-triangle',
    });
    expect(evaluateAttention(d, 7, [], '/x')[0]).toMatchObject({
      level: 'alert',
      compared: { value: 7, threshold: 6 },
      drill: '/x',
      label: 'Metric is 7, at or above the alert threshold of 6',
    });
    const below = def({ thresholds: { direction: 'below', warn: 0.7, alert: 0.5 }, attentionRules: [{ kind: 'threshold' }] });
    expect(evaluateAttention(below, 0.6, [], null)[0]).toMatchObject({ level: 'warn' });
    expect(evaluateAttention(below, 0.9, [], null)).toEqual([]);
  });

  it('drift from target: only beyond the tolerance and on the bad side', () => {
    const d = def({ target: 0.85, thresholds: { direction: 'below' }, attentionRules: [{ kind: 'drift', tolerance: 0.1 }] });
    expect(evaluateAttention(d, 0.8, [], null)).toEqual([]);
    expect(evaluateAttention(d, 0.95, [], null)).toEqual([]);
    expect(evaluateAttention(d, 0.6, [], null)[0]).toMatchObject({ rule: 'drift', icon: 'target', compared: { value: 0.6, target: 0.85 } });
    expect(evaluateAttention(def({ attentionRules: [{ kind: 'drift', tolerance: 0.1 }] }), 5, [], null)).toEqual([]); // no target
  });

  it('unusual change against the trailing 8 weeks: beyond sigma and the minimum delta', () => {
    const d = def({ attentionRules: [{ kind: 'unusual-change', sigma: 2, minDelta: 3 }] });
    const trailing = [10, 11, 9, 10, 10, 11, 9, 10];
    expect(evaluateAttention(d, 11, trailing, null)).toEqual([]);
    expect(evaluateAttention(d, 20, trailing, null)[0]).toMatchObject({
      rule: 'unusual-change',
      icon: 'trending-up',
      compared: { value: 20, trailingMean: 10, windows: 8 },
    });
    expect(evaluateAttention(d, 2, trailing, null)[0]).toMatchObject({ icon: 'trending-down' });
    expect(evaluateAttention(d, 20, [10], null)).toEqual([]); // too little history
  });

  it('overdue state fires above its bound; no value fires nothing', () => {
    const d = def({ attentionRules: [{ kind: 'overdue', above: 0 }] });
    expect(evaluateAttention(d, 0, [], null)).toEqual([]);
    expect(evaluateAttention(d, 2, [], null)[0]).toMatchObject({ rule: 'overdue', icon: 'clock', level: 'alert' });
    expect(evaluateAttention(d, null, [], null)).toEqual([]);
  });
});
