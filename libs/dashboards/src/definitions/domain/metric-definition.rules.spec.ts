import { InvalidInputError } from '@cairn/platform/kernel';

import { validateMetricChange } from './metric-definition.rules';

const ROLES = ['admin', 'clinician', 'front_desk'];
const fields = (body: Record<string, unknown>): string[] => {
  try {
    validateMetricChange(body, ROLES);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return (e as InvalidInputError).errors!.map((x) => x.field);
  }
};

describe('a practice change of a metric definition', () => {
  it('accepts target, thresholds, visibility and attention rules', () => {
    expect(
      validateMetricChange(
        {
          target: 2,
          thresholds: { direction: 'above', warn: 1, alert: 2 },
          visibilityRules: { roles: ['admin', 'admin'], scope: 'site' },
          attentionRules: [{ kind: 'overdue', above: 0 }],
        },
        ROLES,
      ),
    ).toEqual({
      target: 2,
      thresholds: { direction: 'above', warn: 1, alert: 2 },
      visibilityRules: { roles: ['admin'], scope: 'site' },
      attentionRules: [{ kind: 'overdue', above: 0 }],
    });
    expect(validateMetricChange({ target: null }, ROLES)).toEqual({ target: null });
  });

  it.each(['calculation', 'calculationSource', 'updateModel', 'unit', 'name', 'domain', 'freshnessLabel', 'drillKey', 'metricKey'])(
    'refuses the calculation field %s',
    (f) => {
      expect(fields({ [f]: 'x' })).toEqual([f]);
    },
  );

  it('names each bad field', () => {
    expect(fields({ thresholds: { warn: 1 } })).toEqual(['thresholds.direction']);
    expect(fields({ thresholds: { direction: 'sideways' } })).toEqual(['thresholds.direction']);
    expect(fields({ visibilityRules: { roles: ['janitor'] } })).toEqual(['visibilityRules.roles']);
    expect(fields({ visibilityRules: { roles: ['admin'], scope: 'galaxy' } })).toEqual(['visibilityRules.scope']);
    expect(fields({ attentionRules: [{ kind: 'drift' }] })).toEqual(['attentionRules.0']);
    expect(fields({ target: 'high' })).toEqual(['target']);
    expect(fields({ colour: 'red' })).toEqual(['colour']);
    expect(fields({})).toEqual(['body']);
  });
});
