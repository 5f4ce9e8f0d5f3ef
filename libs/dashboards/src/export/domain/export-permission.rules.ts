import type { Principal } from '@cairn/platform/tenancy';

/** One role's export setting in an organization (ds_export_permissions); absent: the role's `dashboards.export` grant decides. */
export interface ExportOverride {
  roleKey: string;
  allowed: boolean;
}

/**
 * Whether the caller may export in the organization, checked at export time (§8, issue 16 item 8): some role of the
 * caller's there allows it, where a role's setting is its organization override when an admin set one, else whether
 * the role holds `dashboards.export`. Returns the deciding role, or null.
 */
export function exportingRole(principal: Principal, organizationId: string, overrides: readonly ExportOverride[]): string | null {
  const byRole = new Map(overrides.map((o) => [o.roleKey, o.allowed]));
  for (const g of principal.grants) {
    if (g.organizationId !== organizationId) continue;
    const override = byRole.get(g.roleKey);
    if (override ?? g.permissionKeys.includes('dashboards.export')) return g.roleKey;
  }
  return null;
}

export const EXPORT_FORMATS = ['csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
