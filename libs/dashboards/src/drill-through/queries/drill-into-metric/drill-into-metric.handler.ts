import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { DomainError, ForbiddenError, NotFoundError, RuleViolationError } from '@cairn/platform/kernel';
import { isDrillKey, ListSignalRecordsQuery, type SignalRecordPage } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import { loadMetricDefinitions } from '../../../definitions/infrastructure/definitions.repository';
import { withSavepoint } from '../../../metric-store/infrastructure/metric-values.repository';
import { callerOf } from '../../../views/domain/caller.rules';
import { providerBound } from '../../../views/domain/dashboard.view';
import { filterOutsideScope, ownFiguresOnly, resolveFilters } from '../../../views/domain/filters.rules';
import { metricAccess } from '../../../views/domain/metric-access.rules';
import { appendDashboardAuditEvents } from '../../../views/infrastructure/dashboard-audit.repository';
import { organizationSites, organizationTimeZone } from '../../../views/infrastructure/dashboard-read.repository';
import { DrillIntoMetricQuery, type DrillOutcome } from './drill-into-metric.query';

@QueryHandler(DrillIntoMetricQuery)
@TenantUseCase(DrillIntoMetricQuery, { audit: { action: 'dashboards.drill', resource: 'dashboard_drill', id: () => null } })
export class DrillIntoMetricHandler implements DsUseCaseHandler<DrillIntoMetricQuery, DrillOutcome> {
  constructor(private readonly queries: QueryBus) {}

  async execute(q: DrillIntoMetricQuery, { ctx, tx, audit, principal }: DsUseCase): Promise<DrillOutcome> {
    if (!principal) throw audit.refuse('no_staff_user', new ForbiddenError('Drill-through is for a signed-in staff user.'));
    if (!isDrillKey(q.drillKey)) throw new NotFoundError('No such drill-through.');
    const org = ctx.organizationId;
    const caller = callerOf(principal, org, ctx.siteIds);
    const filters = resolveFilters(q.filters, new Date(), await organizationTimeZone(tx, org));
    const scopeContext = { drillKey: q.drillKey, metricKey: q.metricKey ?? null, ...filters, page: q.page.page, pageSize: q.page.pageSize };
    const deny = async (reason: string, message: string, field: string, metricId: string | null): Promise<DrillOutcome> => {
      const events = await appendDashboardAuditEvents(tx, org, [
        { eventType: 'denied', actorId: caller.userId, metricId, scopeContext: { ...scopeContext, reason } },
      ]);
      audit.outcome('denied', reason).scope({ dashboardEvents: events, drillKey: q.drillKey });
      return { outcome: 'denied', message, errors: [{ field, message }] };
    };

    // Only from a metric the caller may see (RBAC per metric applies to its records too).
    const candidates = (await loadMetricDefinitions(tx, org)).filter(
      (d) => d.drillKey === q.drillKey && (!q.metricKey || d.metricKey === q.metricKey),
    );
    const visible = candidates
      .map((def) => ({ def, access: metricAccess(def, caller, providerBound(def)) }))
      .filter((m) => m.access !== 'none');
    if (candidates.length === 0) throw new NotFoundError('No metric of yours drills into this.');
    const from = visible[0];
    if (!from)
      return deny('metric_not_visible', 'The metric behind this drill-through is not visible to your role.', 'drillKey', candidates[0]!.id);

    const outside = filterOutsideScope(filters, caller);
    if (outside)
      return deny(
        `filter_outside_scope:${outside.errors?.[0]?.field ?? ''}`,
        outside.message,
        outside.errors?.[0]?.field ?? 'filters',
        from.def.id,
      );
    if (filters.siteId && !(await organizationSites(tx, org)).some((s) => s.id === filters.siteId))
      throw new RuleViolationError('The site is not one of the organization.', [
        { field: 'siteId', message: 'no such site in this organization' },
      ]);
    // A practitioner's drill-through is narrowed to their own records, as their figures are.
    const providerId = from.access === 'own' || ownFiguresOnly(caller) ? caller.userId : filters.providerId;

    let records: SignalRecordPage;
    try {
      records = await withSavepoint(tx, `drill_${q.drillKey}`, () =>
        this.queries.execute<ListSignalRecordsQuery, SignalRecordPage>(
          new ListSignalRecordsQuery(
            org,
            q.drillKey as never,
            {
              from: filters.from,
              to: filters.to,
              ...(filters.siteId ? { siteId: filters.siteId } : {}),
              ...(providerId ? { providerId } : {}),
            },
            q.page,
          ),
        ),
      );
    } catch (e) {
      // The owning context refused (its permission rules): audited here as a denied dashboard event, answered 403.
      if (e instanceof DomainError && (e.kind === 'forbidden' || e.kind === 'unauthorized'))
        return deny('owner_refused', e.message, 'drillKey', from.def.id);
      throw e;
    }
    const events = await appendDashboardAuditEvents(tx, org, [
      {
        eventType: 'drilled-into',
        actorId: caller.userId,
        metricId: from.def.id,
        scopeContext: { ...scopeContext, providerId, rows: records.rows.length, total: records.total },
      },
    ]);
    audit.scope({
      dashboardEvents: events,
      drillKey: q.drillKey,
      metricKey: from.def.metricKey,
      rows: records.rows.length,
      total: records.total,
    });
    return {
      outcome: 'ok',
      result: {
        drillKey: q.drillKey,
        metricKey: from.def.metricKey,
        filters: { from: filters.from, to: filters.to, siteId: filters.siteId, providerId },
        records,
      },
    };
  }
}
