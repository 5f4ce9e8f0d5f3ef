import { Query } from '@nestjs/cqrs';

import type { FilterInput } from '../../../views/domain/filters.rules';
import type { ExportFormat } from '../../domain/dashboard-export.rules';
import type { ExportResult } from '../export-dashboard/export-dashboard.query';

/** The most records one drill-down export holds (the owning context's pages, read up to this many). */
export const MAX_DRILL_EXPORT_ROWS = 2000;

/**
 * Exports a drill-down (the source records behind a metric) as CSV or PDF: the export permission is checked first
 * (a `denied` dashboard audit event and 403 without it), then the records are read through DrillIntoMetricQuery
 * (the owning context's permission checks, Part 2 withholding and PHI audit; Drilled-Into, from which export is
 * reachable, §3.4), and an `exported` event is written before the answer.
 */
export class ExportDrillQuery extends Query<ExportResult> {
  constructor(
    readonly drillKey: string,
    readonly metricKey: string | undefined,
    readonly filters: FilterInput,
    readonly format: ExportFormat,
  ) {
    super();
  }
}
