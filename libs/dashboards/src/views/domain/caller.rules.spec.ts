import type { Principal } from '@cairn/platform/tenancy';

import { callerOf } from './caller.rules';

const grant = (roleKey: string, allSites: boolean, siteIds: string[], permissionKeys: string[], organizationId = 'o1') => ({
  organizationId,
  organizationName: 'O',
  organizationSlug: 'o',
  roleKey,
  allSites,
  siteIds,
  permissionKeys,
});

describe('the caller of a dashboard request', () => {
  const principal: Principal = {
    userId: 'u',
    sessionId: 's',
    grants: [
      grant('front_desk', false, ['s1', 's2'], ['dashboards.view']),
      grant('practice_manager', true, [], ['dashboards.view', 'dashboards.cross-site.view'], 'o2'),
    ],
  };

  it('takes roles, sites and the cross-site grant of the organization only', () => {
    expect(callerOf(principal, 'o1')).toEqual({ userId: 'u', roles: ['front_desk'], sites: ['s1', 's2'], crossSite: false });
    expect(callerOf(principal, 'o2')).toEqual({ userId: 'u', roles: ['practice_manager'], sites: 'all', crossSite: true });
  });

  it("narrows to the request's sites (X-Site-Id), never widens", () => {
    expect(callerOf(principal, 'o1', ['s2']).sites).toEqual(['s2']);
    expect(callerOf(principal, 'o1', ['s3']).sites).toEqual([]);
    expect(callerOf(principal, 'o1', 'all').sites).toEqual(['s1', 's2']);
    expect(callerOf(principal, 'o2', ['s9']).sites).toEqual(['s9']);
  });
});
