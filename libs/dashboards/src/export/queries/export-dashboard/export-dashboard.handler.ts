import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { csvLine } from '@cairn/platform/http';
import { ForbiddenError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import {
  CheckExportPermissionQuery,
  type ExportPermissionCheck,
} from '../../../definitions/queries/check-export-permission/check-export-permission.query';
import { DashboardsMetrics } from '../../../observability/infrastructure/dashboards-metrics.service';
import { transition } from '../../../views/domain/view-interaction.rules';
import { appendDashboardAuditEvents } from '../../../views/infrastructure/dashboard-audit.repository';
import { GetDashboardQuery, type DashboardResult } from '../../../views/queries/get-dashboard/get-dashboard.query';
import { DASHBOARD_CSV_COLUMNS, exportFileName, freshnessSummary, tileRow, viewMeta } from '../../domain/dashboard-export.rules';
import { ExportPdfService } from '../../infrastructure/export-pdf.service';
import { ExportDashboardQuery, type ExportResult } from './export-dashboard.query';

export const DASHBOARD_EXPORT_AUDIT_ACTION = 'dashboards.view.export';

@QueryHandler(ExportDashboardQuery)
@TenantUseCase(ExportDashboardQuery, { audit: { action: DASHBOARD_EXPORT_AUDIT_ACTION, resource: 'dashboard_view' } })
export class ExportDashboardHandler implements DsUseCaseHandler<ExportDashboardQuery, ExportResult> {
  constructor(
    private readonly queries: QueryBus,
    private readonly pdf: ExportPdfService,
    private readonly metrics: DashboardsMetrics,
  ) {}

  async execute(q: ExportDashboardQuery, { ctx, tx, audit, principal }: DsUseCase): Promise<ExportResult> {
    if (!principal) throw audit.refuse('no_staff_user', new ForbiddenError('Dashboards are exported by a signed-in staff user.'));
    const org = ctx.organizationId;
    const target = { target: q.target.kind, ...(q.target.kind === 'view' ? { viewKey: q.target.viewKey } : {}), format: q.format };
    const check = await this.queries.execute<CheckExportPermissionQuery, ExportPermissionCheck>(new CheckExportPermissionQuery());
    if (!check.allowed) {
      const events = await appendDashboardAuditEvents(tx, org, [
        { eventType: 'denied', actorId: principal.userId, scopeContext: { ...target, ...q.filters, reason: `export: ${check.reason}` } },
      ]);
      audit.outcome('denied', 'export not permitted').scope({ dashboardEvents: events, ...target });
      this.metrics.denied(q.format);
      return {
        outcome: 'denied',
        message: `Exporting dashboards is not permitted: ${check.reason}.`,
        errors: [{ field: 'permission', message: 'dashboards.export' }],
      };
    }

    // Render exactly what the caller would see (RBAC per metric, scope, filters; audited as a read).
    const rendered = await this.queries.execute<GetDashboardQuery, DashboardResult>(new GetDashboardQuery(q.target, q.filters));
    if (rendered.outcome === 'denied') {
      audit.outcome('denied', 'view refused').scope(target);
      return rendered;
    }
    const view = rendered.dashboard;
    transition(view.state, 'export'); // §3.4: export only from Viewed, Filtered or Drilled-Into
    const org$ = await tx.organization.findUnique({ where: { id: org }, select: { name: true } });
    const roles = [...new Set(principal.grants.filter((g) => g.organizationId === org).map((g) => g.roleKey))];
    const meta = viewMeta(view, org$?.name ?? org, principal.userId, roles);
    const rows = view.tiles.map(tileRow);
    const filename = exportFileName(view.view.key, view.filters.from, view.filters.to, q.format);
    const body =
      q.format === 'csv'
        ? Buffer.from(csvLine(DASHBOARD_CSV_COLUMNS) + rows.map(csvLine).join(''), 'utf8')
        : await this.pdf.render(meta, freshnessSummary(view), { columns: DASHBOARD_CSV_COLUMNS, rows });
    const events = await appendDashboardAuditEvents(tx, org, [
      {
        eventType: 'exported',
        actorId: principal.userId,
        viewId: view.view.id,
        scopeContext: { ...target, ...view.filters, roles: check.roles, metrics: view.tiles.map((t) => t.metricKey), bytes: body.length },
      },
    ]);
    audit.scope({ dashboardEvents: events, ...target, view: view.view.key, rows: rows.length });
    this.metrics.exported(q.format);
    return {
      outcome: 'ok',
      filename,
      contentType: q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf',
      body,
      rows: rows.length,
    };
  }
}
