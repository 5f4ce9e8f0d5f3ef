import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { ObservabilityModule } from '../observability/observability.module';
import { DashboardExportController } from './http/dashboard-export.controller';
import { ExportPdfService } from './infrastructure/export-pdf.service';
import { ExportDashboardHandler } from './queries/export-dashboard/export-dashboard.handler';
import { ExportDrillHandler } from './queries/export-drill/export-drill.handler';

/** CSV/PDF exports of views and drill-downs, the export permission checked at export time (issue 16 item 8). */
@Module({
  imports: [CqrsModule, ObservabilityModule],
  controllers: [DashboardExportController],
  providers: [ExportPdfService, ExportDashboardHandler, ExportDrillHandler],
})
export class ExportModule {}
