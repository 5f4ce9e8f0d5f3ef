import type { ProviderProductivityOptions } from '@cairn/platform/workforce';

import type { HrTx } from '../../hr.tx';
import type { ProductivityRow } from './productivity-row.mapper';

/**
 * The rows of get_provider_productivity(...), the SECURITY DEFINER function over the wf_* rollups: it checks
 * hr.productivity.view against the transaction's context and spans CL's and PM's data behind its own boundary, so
 * no TypeScript of HR reads their tables. Its refusals arrive as database errors (productivityError maps them).
 */
export async function productivityRows(tx: HrTx, organizationId: string, options: ProviderProductivityOptions): Promise<ProductivityRow[]> {
  // One JSON value instead of 17 columns per row: PostgreSQL builds it, the driver hands over one string.
  const [{ rows }] = await tx.$queryRaw<{ rows: ProductivityRow[] }[]>`
      SELECT COALESCE(json_agg(json_build_object(
               'provider_id', r.provider_id, 'site_id', r.site_id, 'organization_id', r.organization_id,
               'period_start', r.period_start, 'period_end', r.period_end, 'suppressed', r.suppressed,
               'provider_count', r.provider_count, 'notes_completed_count', r.notes_completed_count,
               'notes_completed_per_week', r.notes_completed_per_week::float8,
               'avg_documentation_lag_hours', r.avg_documentation_lag_hours, 'lag_under_24h', r.lag_under_24h,
               'lag_24h_or_more', r.lag_24h_or_more, 'active_caseload_count', r.active_caseload_count,
               'no_show_count', r.no_show_count, 'no_show_rate', r.no_show_rate::float8, 'late_cancel_count', r.late_cancel_count,
               'session_count_by_category', r.session_count_by_category) ORDER BY r.ordinality), '[]'::json) AS rows
      FROM get_provider_productivity(${options.periodStart}::text, ${options.periodEnd}::text, ${organizationId}::text,
                                     ${options.siteId ?? null}::text, ${options.providerId ?? null}::text,
                                     ${options.scope ?? 'organization'}::text) WITH ORDINALITY AS r`;
  return rows;
}
