import { Query } from '@nestjs/cqrs';

import type { FilterInput } from '../../../views/domain/filters.rules';
import type { DashboardTarget } from '../../../views/queries/get-dashboard/get-dashboard.query';
import type { ExportFormat } from '../../domain/dashboard-export.rules';

/** A finished export file, or a refusal the handler audited before the answer. */
export type ExportResult =
  | { outcome: 'ok'; filename: string; contentType: string; body: Buffer; rows: number }
  | { outcome: 'denied'; message: string; errors: { field: string; message: string }[] };

/**
 * Exports a dashboard view (the caller's own, another they are bound to, or the comparison) as CSV or PDF with
 * the view's filters. The export permission is checked now (the role's `dashboards.export` grant, or the
 * organization's setting for the role); without it: a `denied` dashboard audit event and 403. The view is rendered
 * (audited as a read) and exported from the Viewed or Filtered state (§3.4); the export writes an `exported` event.
 */
export class ExportDashboardQuery extends Query<ExportResult> {
  constructor(
    readonly target: DashboardTarget,
    readonly filters: FilterInput,
    readonly format: ExportFormat,
  ) {
    super();
  }
}
