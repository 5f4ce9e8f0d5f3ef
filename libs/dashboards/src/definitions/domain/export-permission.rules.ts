/**
 * May a caller export dashboards? Both must hold: one of their roles carries the `dashboards.export` permission
 * (Access Manager), and the organization has not switched export off for that role (`ds_export_permissions`;
 * no row: allowed). Checked at export time, not only at render (§13.2 rule 5).
 */
export function exportAllowed(
  grants: readonly { roleKey: string; permissionKeys: readonly string[] }[],
  organizationSwitches: ReadonlyMap<string, boolean>,
): { allowed: boolean; reason: string | null; roles: string[] } {
  const holding = grants.filter((g) => g.permissionKeys.includes('dashboards.export')).map((g) => g.roleKey);
  if (holding.length === 0) return { allowed: false, reason: 'no role of yours holds dashboards.export', roles: [] };
  const enabled = holding.filter((r) => organizationSwitches.get(r) !== false);
  if (enabled.length === 0)
    return { allowed: false, reason: `export is switched off for ${holding.join(', ')} in this organization`, roles: [] };
  return { allowed: true, reason: null, roles: enabled };
}
