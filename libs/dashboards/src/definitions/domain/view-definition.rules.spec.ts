import { InvalidInputError } from '@cairn/platform/kernel';

import { applyLayout, landingView, validateLayout, validateViewChange, type ViewDefinition } from './view-definition.rules';

const view = (key: string, roles: string[], over: Partial<ViewDefinition> = {}): ViewDefinition => ({
  id: key,
  viewKey: key,
  name: key,
  roleBinding: roles,
  enabledModules: ['Operational'],
  permissionScope: 'site',
  metricKeys: ['a', 'b', 'c', 'd'],
  coreMetricKeys: ['a'],
  layoutVersion: 1,
  userLayoutEnabled: true,
  overridden: false,
  ...over,
});

describe('views', () => {
  const views = [
    view('practitioner', ['clinician']),
    view('manager', ['practice_manager', 'owner']),
    view('front-of-house', ['front_desk']),
    view('group', ['owner']),
  ];

  it('lands a caller on the highest view one of their roles is bound to, never on the group view', () => {
    expect(landingView(views, ['clinician', 'practice_manager'])?.viewKey).toBe('manager');
    expect(landingView(views, ['front_desk'])?.viewKey).toBe('front-of-house');
    expect(landingView(views, ['hr'])).toBeNull();
  });

  it('applies a layout: placed keys first, the rest in the view order, hidden ones out but never a core one', () => {
    const v = view('manager', []);
    expect(applyLayout(v, { metricOrder: ['c'], hiddenMetrics: ['b', 'a'] })).toEqual(['c', 'a', 'd']);
    expect(applyLayout({ ...v, userLayoutEnabled: false }, { metricOrder: ['c'], hiddenMetrics: ['b'] })).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses hiding a core metric and metrics of other views', () => {
    const v = view('manager', []);
    expect(() => validateLayout(v, { metricOrder: [], hiddenMetrics: ['a'] })).toThrow(InvalidInputError);
    expect(() => validateLayout(v, { metricOrder: ['z'], hiddenMetrics: [] })).toThrow(InvalidInputError);
    expect(() => validateLayout(v, { metricOrder: ['b', 'b'], hiddenMetrics: [] })).toThrow(InvalidInputError);
    expect(validateLayout(v, { metricOrder: ['b'], hiddenMetrics: ['c', 'c'] })).toEqual({ metricOrder: ['b'], hiddenMetrics: ['c'] });
  });

  it('a practice changes modules and the layout switch only', () => {
    expect(validateViewChange({ enabledModules: ['Clinical', 'Clinical'], userLayoutEnabled: false })).toEqual({
      enabledModules: ['Clinical'],
      userLayoutEnabled: false,
    });
    expect(() => validateViewChange({ roleBinding: ['x'] })).toThrow(InvalidInputError);
    expect(() => validateViewChange({ enabledModules: ['Sales'] })).toThrow(InvalidInputError);
  });
});
