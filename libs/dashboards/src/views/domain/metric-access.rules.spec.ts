import type { MetricDefinition } from '../../definitions/domain/metric-definition.rules';
import { metricAccess } from './metric-access.rules';

const def = (roles: string[], scope: 'own' | 'site' | 'organization' = 'organization') =>
  ({ visibilityRules: { roles, scope } }) as unknown as MetricDefinition;
const caller = (roles: string[]) => ({ userId: 'u', roles, sites: 'all' as const, crossSite: false });

describe('RBAC per metric', () => {
  it('none unless a role of the caller is in the visibility rules', () => {
    expect(metricAccess(def(['admin']), caller(['clinician']), true)).toBe('none');
  });
  it('a practitioner role sees its own figures only, and nothing of a metric that is not provider-bound', () => {
    expect(metricAccess(def(['clinician']), caller(['clinician']), true)).toBe('own');
    expect(metricAccess(def(['clinician']), caller(['clinician']), false)).toBe('none');
  });
  it('a wider role grants the scoped metric; an own-scoped rule narrows everyone', () => {
    expect(metricAccess(def(['clinician', 'practice_manager']), caller(['clinician', 'practice_manager']), true)).toBe('scoped');
    expect(metricAccess(def(['practice_manager'], 'own'), caller(['practice_manager']), true)).toBe('own');
  });
});
