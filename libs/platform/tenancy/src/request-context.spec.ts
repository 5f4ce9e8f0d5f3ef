import { buildTenantContext, Principal } from './request-context';

const ORG_A = '11111111-1111-4111-8111-111111111111';
const ORG_B = '22222222-2222-4222-8222-222222222222';
const SITE_1 = '33333333-3333-4333-8333-333333333331';
const SITE_2 = '33333333-3333-4333-8333-333333333332';

const grant = (org: string, roleKey: string, perms: string[], sites: string[] | 'all') => ({
  organizationId: org,
  organizationName: org,
  organizationSlug: org,
  roleKey,
  allSites: sites === 'all',
  siteIds: sites === 'all' ? [] : sites,
  permissionKeys: perms,
});

describe('buildTenantContext', () => {
  const frontDesk: Principal = {
    userId: 'u1',
    sessionId: 's1',
    grants: [grant(ORG_A, 'front_desk', ['patients.view', 'patients.site-wide'], [SITE_1])],
  };

  it('limits a site-bound binding to its sites', () => {
    expect(buildTenantContext(frontDesk, ORG_A, 'patients.view')).toEqual({
      organizationId: ORG_A,
      userId: 'u1',
      siteIds: [SITE_1],
      patientScope: 'site',
    });
  });

  it('refuses an organization the principal has no binding in', () => {
    expect(buildTenantContext(frontDesk, ORG_B, 'patients.view')).toBeNull();
  });

  it('refuses a permission the principal does not hold', () => {
    expect(buildTenantContext(frontDesk, ORG_A, 'audit.view')).toBeNull();
  });

  it('refuses a site outside the binding and narrows to a permitted one', () => {
    expect(buildTenantContext(frontDesk, ORG_A, 'patients.view', SITE_2)).toBeNull();
    expect(buildTenantContext(frontDesk, ORG_A, 'patients.view', SITE_1)?.siteIds).toEqual([SITE_1]);
  });

  it('gives assigned-only patient scope without patients.site-wide', () => {
    const clinician: Principal = { userId: 'u2', sessionId: 's', grants: [grant(ORG_A, 'clinician', ['patients.view'], 'all')] };
    expect(buildTenantContext(clinician, ORG_A, 'patients.view')).toMatchObject({ siteIds: 'all', patientScope: 'assigned' });
  });

  it('gives no patient scope to a role without patient permissions', () => {
    const hr: Principal = { userId: 'u3', sessionId: 's', grants: [grant(ORG_A, 'hr', ['hr.productivity.view'], 'all')] };
    expect(buildTenantContext(hr, ORG_A, null)).toMatchObject({ patientScope: 'none' });
  });
});
