import { permissionsIn, sitesWithPermission, type Principal } from '@cairn/platform/tenancy';

import type { Caller } from './filters.rules';

/** The caller of a dashboard request, from the principal's grants in the organization (Access Manager, §6.1) and the request's sites. */
export function callerOf(principal: Principal, organizationId: string, requestSites?: 'all' | readonly string[]): Caller {
  const granted = sitesWithPermission(principal, organizationId, 'dashboards.view');
  // The request may narrow its sites (X-Site-Id); it never widens them.
  const sites =
    requestSites === undefined || requestSites === 'all'
      ? granted
      : granted === 'all'
        ? [...requestSites]
        : granted.filter((s) => requestSites.includes(s));
  const roles = [...new Set(principal.grants.filter((g) => g.organizationId === organizationId).map((g) => g.roleKey))];
  return {
    userId: principal.userId,
    roles,
    sites,
    crossSite: permissionsIn(principal, organizationId).has('dashboards.cross-site.view'),
  };
}
