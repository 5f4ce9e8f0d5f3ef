import { Prisma } from '@cairn/platform/db';

import type { DsTx } from '../../dashboards.tx';
import type { SourceStatusRow } from '../domain/freshness.rules';
import type { StoredCell } from '../domain/metric-value.rules';

export interface CellScope {
  signals: string[];
  from: string;
  to: string;
  /** The caller's sites ('all': no narrowing). */
  sites: 'all' | string[];
  siteId: string | null;
  providerId: string | null;
  /** Keep cells apart per site (the cross-site view); else they are added per signal and day. */
  bySite: boolean;
}

/**
 * The stored cells of some signals over [from, to], narrowed to the caller's sites and the filters, added up per
 * signal and day (and site for the comparison view) in SQL, with their breakdowns merged. Reads only ds_metric_values.
 */
export async function readCells(tx: DsTx, organizationId: string, s: CellScope): Promise<StoredCell[]> {
  if (s.signals.length === 0) return [];
  if (s.sites !== 'all' && s.sites.length === 0) return [];
  const conditions = [
    Prisma.sql`v.organization_id = ${organizationId}::uuid`,
    Prisma.sql`v.signal_key = ANY(${s.signals}::text[])`,
    Prisma.sql`v.day BETWEEN ${s.from}::date AND ${s.to}::date`,
  ];
  if (s.sites !== 'all') conditions.push(Prisma.sql`v.site_id = ANY(${s.sites}::uuid[])`);
  if (s.siteId) conditions.push(Prisma.sql`v.site_id = ${s.siteId}::uuid`);
  if (s.providerId) conditions.push(Prisma.sql`v.provider_id = ${s.providerId}::uuid`);
  const where = Prisma.join(conditions, ' AND ');
  const site = s.bySite ? Prisma.sql`v.site_id` : Prisma.sql`NULL::uuid`;
  const rows = await tx.$queryRaw<
    { signal: string; day: string; site_id: string | null; value: number; computed_at: Date; breakdown: Record<string, number> | null }[]
  >`
    WITH cells AS (
      SELECT v.signal_key, v.day, ${site} AS site_id, v.value, v.computed_at, v.breakdown FROM ds_metric_values v WHERE ${where}
    ), sums AS (
      SELECT signal_key, day, site_id, sum(value)::float8 AS value, max(computed_at) AS computed_at FROM cells GROUP BY signal_key, day, site_id
    ), parts AS (
      SELECT c.signal_key, c.day, c.site_id, b.key, sum(b.value::float8) AS value
      FROM cells c CROSS JOIN LATERAL jsonb_each_text(c.breakdown) AS b(key, value)
      WHERE c.breakdown IS NOT NULL AND jsonb_typeof(c.breakdown) = 'object'
      GROUP BY c.signal_key, c.day, c.site_id, b.key
    )
    SELECT s.signal_key AS signal, to_char(s.day, 'YYYY-MM-DD') AS day, s.site_id::text AS site_id, s.value, s.computed_at,
           (SELECT jsonb_object_agg(p.key, p.value) FROM parts p
             WHERE p.signal_key = s.signal_key AND p.day = s.day AND p.site_id IS NOT DISTINCT FROM s.site_id) AS breakdown
    FROM sums s`;
  return rows.map((r) => ({
    signal: r.signal,
    day: r.day,
    siteId: r.site_id,
    value: r.value,
    breakdown: r.breakdown,
    computedAt: r.computed_at,
  }));
}

export async function readSourceStatuses(tx: DsTx, organizationId: string): Promise<Map<string, SourceStatusRow>> {
  const rows = await tx.dsSourceStatus.findMany({ where: { organizationId } });
  return new Map(rows.map((r) => [r.source, r]));
}

export async function organizationTimeZone(tx: DsTx, organizationId: string): Promise<string> {
  const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
  return org?.timezone ?? 'UTC';
}

export async function organizationSites(tx: DsTx, organizationId: string): Promise<{ id: string; name: string }[]> {
  return tx.site.findMany({ where: { organizationId }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
}

export async function readLayout(
  tx: DsTx,
  organizationId: string,
  staffUserId: string,
  viewKey: string,
): Promise<{ metricOrder: string[]; hiddenMetrics: string[] } | null> {
  const row = await tx.dsUserLayout.findUnique({ where: { organizationId_staffUserId_viewKey: { organizationId, staffUserId, viewKey } } });
  return row ? { metricOrder: row.metricOrder, hiddenMetrics: row.hiddenMetrics } : null;
}

export async function touchViewRendered(tx: DsTx, organizationId: string, viewKey: string, at: Date): Promise<void> {
  // Only the practice's own row (platform defaults are not written at run time): last_rendered_at of an override,
  // at most once a minute, so concurrent renders of one view do not queue on its row lock.
  await tx.dsViewDefinition.updateMany({
    where: { organizationId, viewKey, OR: [{ lastRenderedAt: null }, { lastRenderedAt: { lt: new Date(at.getTime() - 60_000) } }] },
    data: { lastRenderedAt: at },
  });
}
