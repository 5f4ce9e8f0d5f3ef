/** The non-clinical categories sessions are reported under (the service-type mapping is data, in PM). */
export const SESSION_CATEGORIES = [
  'Individual Therapy',
  'Group Services',
  'Case Management',
  'Assessment',
  'Peer Support',
  'Other',
] as const;
export type SessionCategory = (typeof SESSION_CATEGORIES)[number];

/** Documentation lag bins: notes signed under 24 h, and 24 h or more, after the session ended. */
export interface DocumentationLagBins {
  under24h: number;
  atLeast24h: number;
}

/**
 * One provider's row of the provider productivity summary (provider-productivity-analytics seed): aggregates
 * only, no PHI, nothing that names a session. Figures are the provider's at every site of the organization, for
 * one calendar month, quarter or year; a provider with fewer than 5 patients in the period (or withheld so that
 * another period's withheld figures cannot be computed back, ADR 0012) has no row at all.
 */
export interface ProviderProductivitySummary {
  providerId: string;
  /** The provider's home site in the period's calendar year: where most of their sessions and notes were. */
  siteId: string;
  organizationId: string;
  periodStart: string;
  periodEnd: string;
  notesCompletedCount: number;
  /** Notes signed per week of the period (7-day weeks), one decimal. */
  notesCompletedPerWeek: number;
  /** Whole hours; null when withheld (fewer than 5 notes, or the small-cell rule across periods). */
  avgDocumentationLagHours: number | null;
  /** Null unless every non-empty bin holds at least 5 notes (and the rule across periods holds). */
  documentationLagBins: DocumentationLagBins | null;
  activeCaseloadCount: number;
  noShowCount: number;
  /** no-shows / (completed + checked in + no-shows), 3 decimals; null with no such appointment. */
  noShowRate: number | null;
  lateCancelCount: number;
  /** Every non-empty category (each at least 5), or {} when any would be smaller. */
  sessionCountByCategory: Partial<Record<SessionCategory, number>>;
}

/** The report: the providers shown, and how many providers with activity in the period it withholds. */
export interface ProviderProductivityReport {
  items: ProviderProductivitySummary[];
  suppressedProviderCount: number;
}

/**
 * The seed's options of getProviderProductivity(organizationId, options). periodStart..periodEnd (YYYY-MM-DD,
 * inclusive) must be one calendar month, quarter or year. scope 'supervised' (hr.productivity.supervised)
 * limits the report to the providers the caller supervises; 'organization' (the default) needs hr.productivity.view.
 */
export interface ProviderProductivityOptions {
  periodStart: string;
  periodEnd: string;
  siteId?: string;
  providerId?: string;
  scope?: 'organization' | 'supervised';
}
