import type { ProviderProductivitySummary } from '@cairn/platform/workforce';

/** A row of get_provider_productivity(...) as the handler selects it. */
export interface ProductivityRow {
  provider_id: string | null;
  site_id: string | null;
  organization_id: string;
  period_start: string;
  period_end: string;
  suppressed: boolean;
  provider_count: number;
  notes_completed_count: number;
  avg_documentation_lag_hours: number | null;
  lag_under_24h: number | null;
  lag_24_to_48h: number | null;
  lag_over_48h: number | null;
  active_caseload_count: number;
  no_show_count: number;
  no_show_rate: number | null;
  late_cancel_count: number;
  session_count_by_category: Record<string, number> | null;
}

export function toSummary(r: ProductivityRow): ProviderProductivitySummary {
  const bins =
    r.lag_under_24h === null || r.lag_24_to_48h === null || r.lag_over_48h === null
      ? null
      : { under24h: r.lag_under_24h, from24To48h: r.lag_24_to_48h, over48h: r.lag_over_48h };
  return {
    providerId: r.provider_id,
    siteId: r.site_id,
    organizationId: r.organization_id,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    suppressed: r.suppressed,
    providerCount: r.provider_count,
    notesCompletedCount: r.notes_completed_count,
    avgDocumentationLagHours: r.avg_documentation_lag_hours,
    documentationLagBins: bins,
    activeCaseloadCount: r.active_caseload_count,
    noShowCount: r.no_show_count,
    noShowRate: r.no_show_rate,
    lateCancelCount: r.late_cancel_count,
    sessionCountByCategory: r.session_count_by_category ?? {},
  };
}
