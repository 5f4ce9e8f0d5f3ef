import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { GetProviderProductivityQuery, ProviderProductivitySummary } from '@cairn/platform/workforce';
import { auditParameters, productivityError } from './productivity-errors';
import { ProductivityRow, toSummary } from './productivity-row';

export const PRODUCTIVITY_AUDIT_ACTION = 'hr.provider-productivity.read';

/**
 * Handles the platform contract by calling get_provider_productivity(...) in the request's tenant transaction
 * (whose context the function checks hr.productivity.view against). Lives in a platform infra library rather
 * than in PM, CL or HR: the function spans CL's and PM's tables, so neither owns it, and HR may only consume
 * it. Every call is audited with the caller and the parameters: in the same transaction when it succeeds,
 * in a transaction of its own when the function refuses it (the work's transaction rolls back).
 */
@QueryHandler(GetProviderProductivityQuery)
export class GetProviderProductivityHandler implements IQueryHandler<GetProviderProductivityQuery, ProviderProductivitySummary[]> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly audit: AuditService,
  ) {}

  async execute({ organizationId, options }: GetProviderProductivityQuery): Promise<ProviderProductivitySummary[]> {
    const parameters = auditParameters({ ...options, organizationId });
    try {
      return await this.txHost.withTransaction(async () => {
        // One JSON value instead of 17 columns per row: PostgreSQL builds it, the driver hands over one string.
        const [{ rows }] = await this.txHost.tx.$queryRaw<{ rows: ProductivityRow[] }[]>`
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
        await this.audit.record({
          action: PRODUCTIVITY_AUDIT_ACTION, resourceType: 'provider_productivity', outcome: 'success',
          scope: { parameters, rows: rows.length, suppressedRows: rows.filter((r) => r.suppressed).length },
        });
        return rows.map(toSummary);
      });
    } catch (e) {
      const mapped = productivityError(e);
      await this.audit.recordDetached({
        action: PRODUCTIVITY_AUDIT_ACTION, resourceType: 'provider_productivity',
        outcome: mapped?.kind === 'forbidden' ? 'denied' : 'failure',
        reason: mapped ? `${mapped.kind}: ${mapped.message}` : 'error',
        scope: { parameters },
      });
      throw mapped ?? e;
    }
  }
}
