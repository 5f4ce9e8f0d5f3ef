import { QueryHandler } from '@nestjs/cqrs';
import { TenantUseCase } from '@cairn/platform/use-case';
import { GetProviderProductivityQuery, ProviderProductivitySummary } from '@cairn/platform/workforce';
import { auditParameters, productivityError } from './productivity-errors';
import { ProductivityRow, toSummary } from './productivity-row';
import type { HrUseCase, HrUseCaseHandler } from '../hr.tx';

export const PRODUCTIVITY_AUDIT_ACTION = 'hr.provider-productivity.read';

/**
 * Handles the platform contract by calling get_provider_productivity(...) in the request's tenant transaction
 * (whose context the function checks hr.productivity.view against). HR owns this use case, as PM owns the
 * scheduling contract's: the function spans CL's and PM's tables behind a SECURITY DEFINER boundary, and no
 * TypeScript here reads them. Every call is audited with the caller and the parameters: in the same transaction when it succeeds,
 * in a transaction of its own when the function refuses it (the work's transaction rolls back).
 */
@QueryHandler(GetProviderProductivityQuery)
@TenantUseCase(GetProviderProductivityQuery, {
  audit: { action: PRODUCTIVITY_AUDIT_ACTION, resource: 'provider_productivity' },
  // The query names its organization; the function checks the permission against the transaction's context.
  tenant: 'optional',
})
export class GetProviderProductivityHandler implements HrUseCaseHandler<GetProviderProductivityQuery, ProviderProductivitySummary[]> {
  async execute({ organizationId, options }: GetProviderProductivityQuery, { tx, audit }: HrUseCase): Promise<ProviderProductivitySummary[]> {
    const parameters = auditParameters({ ...options, organizationId });
    audit.scope({ parameters });
    try {
      // One JSON value instead of 17 columns per row: PostgreSQL builds it, the driver hands over one string.
      const [{ rows }] = await tx.$queryRaw<{ rows: ProductivityRow[] }[]>`
        SELECT COALESCE(json_agg(json_build_object(
                 'provider_id', r.provider_id, 'site_id', r.site_id, 'organization_id', r.organization_id,
                 'period_start', r.period_start, 'period_end', r.period_end, 'suppressed', r.suppressed,
                 'provider_count', r.provider_count, 'notes_completed_count', r.notes_completed_count,
                 'avg_documentation_lag_hours', r.avg_documentation_lag_hours, 'lag_under_24h', r.lag_under_24h,
                 'lag_24_to_48h', r.lag_24_to_48h, 'lag_over_48h', r.lag_over_48h, 'active_caseload_count', r.active_caseload_count,
                 'no_show_count', r.no_show_count, 'no_show_rate', r.no_show_rate::float8, 'late_cancel_count', r.late_cancel_count,
                 'session_count_by_category', r.session_count_by_category) ORDER BY r.ordinality), '[]'::json) AS rows
        FROM get_provider_productivity(${options.periodStart}::text, ${options.periodEnd}::text, ${organizationId}::text,
                                       ${options.siteId ?? null}::text, ${options.providerId ?? null}::text) WITH ORDINALITY AS r`;
      audit.scope({ rows: rows.length, suppressedRows: rows.filter((r) => r.suppressed).length });
      return rows.map(toSummary);
    } catch (e) {
      // The function's refusals and failures are audited too: committed on their own, the transaction rolls back.
      const mapped = productivityError(e);
      throw audit.refuse(mapped ? `${mapped.kind}: ${mapped.message}` : 'error', mapped ?? e, mapped?.kind === 'forbidden' ? 'denied' : 'failure');
    }
  }
}
