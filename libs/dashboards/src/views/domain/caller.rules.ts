import { permissionsIn, sitesWithPermission, type Principal } from '@cairn/platform/tenancy';

import type { Caller } from './filters.rules';

/** The caller of a dashboard request, from the principal's grants in the organization (Access Manager, §6.1). */
export function callerOf(principal: Principal, organizationId: string): Caller {
  const roles = [...new Set(principal.grants.filter((g) => g.organizationId === organizationId).map((g) => g.roleKey))];
  return {
    userId: principal.userId,
    roles,
    sites: sitesWithPermission(principal, organizationId, 'dashboards.view'),
    crossSite: permissionsIn(principal, organizationId).has('dashboards.cross-site.view'),
  };
}
