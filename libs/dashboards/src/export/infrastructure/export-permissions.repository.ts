import type { DsTx } from '../../dashboards.tx';
import type { ExportOverride } from '../domain/export-permission.rules';

/** The organization's export settings per role (ds_export_permissions). */
export async function exportOverrides(tx: DsTx, organizationId: string): Promise<ExportOverride[]> {
  const rows = await tx.dsExportPermission.findMany({ where: { organizationId }, orderBy: { roleKey: 'asc' } });
  return rows.map((r) => ({ roleKey: r.roleKey, allowed: r.allowed }));
}

export async function exportOverrideRows(
  tx: DsTx,
  organizationId: string,
): Promise<Array<{ roleKey: string; allowed: boolean; updatedBy: string; updatedAt: Date }>> {
  return tx.dsExportPermission.findMany({
    where: { organizationId },
    orderBy: { roleKey: 'asc' },
    select: { roleKey: true, allowed: true, updatedBy: true, updatedAt: true },
  });
}

export async function setExportOverride(
  tx: DsTx,
  organizationId: string,
  roleKey: string,
  allowed: boolean,
  actorId: string,
): Promise<{ before: boolean | null }> {
  const current = await tx.dsExportPermission.findUnique({ where: { organizationId_roleKey: { organizationId, roleKey } } });
  await tx.dsExportPermission.upsert({
    where: { organizationId_roleKey: { organizationId, roleKey } },
    create: { organizationId, roleKey, allowed, updatedBy: actorId },
    update: { allowed, updatedBy: actorId },
  });
  return { before: current?.allowed ?? null };
}
