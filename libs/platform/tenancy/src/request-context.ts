import { CLS_REQUEST_ID, type TenantContext } from '@cairn/platform/db';

/** CLS keys shared by the platform libraries. */
export { CLS_REQUEST_ID };

export const CLS_CLIENT_IP = 'cairn.clientIp';
export const CLS_PRINCIPAL = 'cairn.principal';
export const CLS_PORTAL_CLIENT = 'cairn.portalClient';

/** The signed-in portal client of a request (a portal account of one patient; ADR 0015). */
export interface PortalClientPrincipal {
  accountId: string;
  patientId: string;
  organizationId: string;
  sessionId: string;
}

/** One active role binding of a staff user, as the guard loaded it for this request. */
export interface RoleGrant {
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  roleKey: string;
  allSites: boolean;
  siteIds: readonly string[];
  permissionKeys: readonly string[];
}

/** The signed-in staff user of a request. */
export interface Principal {
  userId: string;
  sessionId: string;
  grants: readonly RoleGrant[];
}

export type { TenantContext };

/** The organizations a principal can act in, in a stable order. */
export function organizationsOf(principal: Principal): { id: string; name: string; slug: string }[] {
  const seen = new Map<string, { id: string; name: string; slug: string }>();
  for (const g of principal.grants) {
    if (!seen.has(g.organizationId))
      seen.set(g.organizationId, { id: g.organizationId, name: g.organizationName, slug: g.organizationSlug });
  }
  return [...seen.values()];
}

/**
 * The sites at which the principal holds `permission` in `organizationId`: 'all', a list, or [] when it does
 * not hold it at all.
 */
export function sitesWithPermission(principal: Principal, organizationId: string, permission: string): 'all' | string[] {
  const sites = new Set<string>();
  for (const g of principal.grants) {
    if (g.organizationId !== organizationId || !g.permissionKeys.includes(permission)) continue;
    if (g.allSites) return 'all';
    g.siteIds.forEach((s) => sites.add(s));
  }
  return [...sites];
}

/** Every permission key the principal holds anywhere in the organization. */
export function permissionsIn(principal: Principal, organizationId: string): Set<string> {
  const keys = new Set<string>();
  for (const g of principal.grants) if (g.organizationId === organizationId) g.permissionKeys.forEach((k) => keys.add(k));
  return keys;
}

/**
 * Builds the tenant context of a request that needs `permission` (optionally narrowed to one site).
 * Returns null when the principal may not do it there.
 */
export function buildTenantContext(
  principal: Principal,
  organizationId: string,
  permission: string | null,
  siteId?: string,
): TenantContext | null {
  const keys = permissionsIn(principal, organizationId);
  if (keys.size === 0 && !principal.grants.some((g) => g.organizationId === organizationId)) return null;
  let siteIds: 'all' | string[];
  if (permission) {
    siteIds = sitesWithPermission(principal, organizationId, permission);
    if (siteIds !== 'all' && siteIds.length === 0) return null;
  } else {
    // Authenticated-only routes: the union of the sites of every binding in the organization.
    const grants = principal.grants.filter((g) => g.organizationId === organizationId);
    siteIds = grants.some((g) => g.allSites) ? 'all' : [...new Set(grants.flatMap((g) => g.siteIds))];
  }
  if (siteId) {
    if (siteIds !== 'all' && !siteIds.includes(siteId)) return null;
    siteIds = [siteId];
  }
  const patientScope = keys.has('patients.site-wide') ? 'site' : keys.has('patients.view') ? 'assigned' : 'none';
  return { organizationId, userId: principal.userId, siteIds, patientScope };
}
