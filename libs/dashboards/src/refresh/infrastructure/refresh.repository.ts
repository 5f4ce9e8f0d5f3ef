import type { DsSystemDb, DsTx } from '../../dashboards.tx';

/** The organization's time zone (its calendar days are the metrics' days). */
export async function organizationTimezone(tx: DsTx, organizationId: string): Promise<string> {
  const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
  return org?.timezone ?? 'UTC';
}

/**
 * Every organization with its time zone, for the schedulers (outside any tenant: ds_refresh_organizations(), a
 * SECURITY DEFINER function answering ids and time zones only).
 */
export async function refreshOrganizations(prisma: DsSystemDb): Promise<Array<{ organizationId: string; timezone: string }>> {
  const rows = await prisma.$queryRaw<
    Array<{ organization_id: string; timezone: string }>
  >`SELECT organization_id, timezone FROM ds_refresh_organizations()`;
  return rows.map((r) => ({ organizationId: r.organization_id, timezone: r.timezone }));
}
