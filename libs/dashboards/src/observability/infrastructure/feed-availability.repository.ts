import type { DsSystemDb } from '../../dashboards.tx';

/** Organizations per source and state (ds_source_status_summary(), SECURITY DEFINER: counts only). */
export async function feedAvailability(prisma: DsSystemDb): Promise<Array<{ source: string; state: string; organizations: number }>> {
  const rows = await prisma.$queryRaw<Array<{ source: string; state: string; organizations: bigint }>>`
    SELECT source, state, organizations FROM ds_source_status_summary()`;
  return rows.map((r) => ({ source: r.source, state: r.state, organizations: Number(r.organizations) }));
}
