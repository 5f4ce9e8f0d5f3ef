import type { ProviderProductivityReport, ProviderProductivitySummary } from '@cairn/platform/workforce';

/** A row of get_provider_productivity(...) as the handler selects it. */
export interface ProductivityRow {
  provider_id: string | null;
  site_id: string | null;
  organization_id: string;
  period_start: string;
  period_end: string;
  /** True on the one row that only counts the withheld providers (provider_count); every figure of it is null. */
  suppressed: boolean;
  provider_count: number;
  notes_completed_count: number;
  notes_completed_per_week: number;
  avg_documentation_lag_hours: number | null;
  lag_under_24h: number | null;
  lag_24h_or_more: number | null;
  active_caseload_count: number;
  no_show_count: number;
  no_show_rate: number | null;
  late_cancel_count: number;
  session_count_by_category: Record<string, number> | null;
}

function toSummary(r: ProductivityRow): ProviderProductivitySummary {
  const bins = r.lag_under_24h === null || r.lag_24h_or_more === null ? null : { under24h: r.lag_under_24h, atLeast24h: r.lag_24h_or_more };
  return {
    providerId: r.provider_id!,
    siteId: r.site_id!,
    organizationId: r.organization_id,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    notesCompletedCount: r.notes_completed_count,
    notesCompletedPerWeek: r.notes_completed_per_week,
    avgDocumentationLagHours: r.avg_documentation_lag_hours,
    documentationLagBins: bins,
    activeCaseloadCount: r.active_caseload_count,
    noShowCount: r.no_show_count,
    noShowRate: r.no_show_rate,
    lateCancelCount: r.late_cancel_count,
    sessionCountByCategory: r.session_count_by_category ?? {},
  };
}

/** The function's rows as the report: provider rows, and the count of the row that only counts the withheld. */
export function toReport(rows: ProductivityRow[]): ProviderProductivityReport {
  return {
    items: rows.filter((r) => !r.suppressed).map(toSummary),
    suppressedProviderCount: rows.find((r) => r.suppressed)?.provider_count ?? 0,
  };
}
