import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { csvLine } from '@cairn/platform/http';
import { ForbiddenError } from '@cairn/platform/kernel';
import { MAX_SIGNAL_RECORD_PAGE_SIZE, type SignalRecordPage } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import {
  CheckExportPermissionQuery,
  type ExportPermissionCheck,
} from '../../../definitions/queries/check-export-permission/check-export-permission.query';
import { DrillIntoMetricQuery, type DrillOutcome } from '../../../drill-through/queries/drill-into-metric/drill-into-metric.query';
import { DashboardsMetrics } from '../../../observability/infrastructure/dashboards-metrics.service';
import { transition } from '../../../views/domain/view-interaction.rules';
import { appendDashboardAuditEvents } from '../../../views/infrastructure/dashboard-audit.repository';
import { drillColumns, drillRow, exportFileName, type Cell } from '../../domain/dashboard-export.rules';
import { ExportPdfService } from '../../infrastructure/export-pdf.service';
import type { ExportResult } from '../export-dashboard/export-dashboard.query';
import { ExportDrillQuery, MAX_DRILL_EXPORT_ROWS } from './export-drill.query';

@QueryHandler(ExportDrillQuery)
@TenantUseCase(ExportDrillQuery, { audit: { action: 'dashboards.drill.export', resource: 'dashboard_drill' } })
export class ExportDrillHandler implements DsUseCaseHandler<ExportDrillQuery, ExportResult> {
  constructor(
    private readonly queries: QueryBus,
    private readonly pdf: ExportPdfService,
    private readonly metrics: DashboardsMetrics,
  ) {}

  async execute(q: ExportDrillQuery, { ctx, tx, audit, principal }: DsUseCase): Promise<ExportResult> {
    if (!principal) throw audit.refuse('no_staff_user', new ForbiddenError('Drill-downs are exported by a signed-in staff user.'));
    const org = ctx.organizationId;
    const target = { target: 'drill', drillKey: q.drillKey, metricKey: q.metricKey ?? null, format: q.format };
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

    let first: Extract<DrillOutcome, { outcome: 'ok' }>['result'] | undefined;
    const rows: Cell[][] = [];
    let page: SignalRecordPage | undefined;
    for (let n = 1; rows.length < MAX_DRILL_EXPORT_ROWS; n++) {
      const drilled = await this.queries.execute<DrillIntoMetricQuery, DrillOutcome>(
        new DrillIntoMetricQuery(q.drillKey, q.metricKey, q.filters, { page: n, pageSize: MAX_SIGNAL_RECORD_PAGE_SIZE }),
      );
      if (drilled.outcome === 'denied') {
        audit.outcome('denied', 'drill refused').scope(target);
        return drilled;
      }
      first ??= drilled.result;
      page = drilled.result.records;
      for (const r of page.rows) rows.push(drillRow(page, r));
      if (page.rows.length === 0 || n * page.pageSize >= page.total) break;
    }
    transition('Drilled-Into', 'export'); // §3.4: a drill-down is exported from Drilled-Into
    const result = first!;
    const columns = drillColumns(page!);
    const org$ = await tx.organization.findUnique({ where: { id: org }, select: { name: true } });
    const truncated = result.records.total > rows.length;
    const meta = {
      title: `Drill-down: ${result.metricKey} (${result.drillKey})`,
      scope: `${org$?.name ?? org}; records the owning context lets you see (withheld rows say why)`,
      filters: { range: 'custom', ...result.filters },
      generatedAt: new Date().toISOString(),
      generatedBy: principal.userId,
    };
    const freshness = [
      `Source records as of ${meta.generatedAt} (read from the owning context at export time)`,
      `${rows.length} of ${result.records.total} record(s)${truncated ? `: the first ${MAX_DRILL_EXPORT_ROWS} only` : ''}`,
    ];
    const body =
      q.format === 'csv'
        ? Buffer.from(csvLine(columns) + rows.map(csvLine).join(''), 'utf8')
        : await this.pdf.render(meta, freshness, { columns, rows });
    const events = await appendDashboardAuditEvents(tx, org, [
      {
        eventType: 'exported',
        actorId: principal.userId,
        scopeContext: {
          ...target,
          ...result.filters,
          roles: check.roles,
          rows: rows.length,
          total: result.records.total,
          bytes: body.length,
        },
      },
    ]);
    audit.scope({ dashboardEvents: events, ...target, rows: rows.length });
    this.metrics.exported(q.format);
    return {
      outcome: 'ok',
      filename: exportFileName(`drill-${q.drillKey}`, result.filters.from, result.filters.to, q.format),
      contentType: q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf',
      body,
      rows: rows.length,
    };
  }
}
