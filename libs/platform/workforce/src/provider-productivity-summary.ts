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

/** Documentation lag bins: notes signed under 24 h, 24 to 48 h, over 48 h after the session ended. */
export interface DocumentationLagBins {
  under24h: number;
  from24To48h: number;
  over48h: number;
}

/**
 * One row of the provider productivity summary (provider-productivity-analytics seed): aggregates only, no
 * PHI, nothing that names a session. The row with `suppressed: true` folds every provider with fewer than 5
 * patients in the period (its providerId is null and providerCount says how many it covers).
 */
export interface ProviderProductivitySummary {
  providerId: string | null;
  /** The site filter, or null for every site of the organization. */
  siteId: string | null;
  organizationId: string;
  periodStart: string;
  periodEnd: string;
  suppressed: boolean;
  providerCount: number;
  notesCompletedCount: number;
  /** Whole hours; null when fewer than 5 notes stand behind it. */
  avgDocumentationLagHours: number | null;
  /** Null unless at least 5 notes stand behind it and every non-empty bin holds at least 5. */
  documentationLagBins: DocumentationLagBins | null;
  activeCaseloadCount: number;
  noShowCount: number;
  /** no-shows / (completed + checked in + no-shows), 3 decimals; null with no such appointment. */
  noShowRate: number | null;
  lateCancelCount: number;
  /** Only categories with a count of at least 5. */
  sessionCountByCategory: Partial<Record<SessionCategory, number>>;
}

/** The seed's options of getProviderProductivity(organizationId, options). Dates are YYYY-MM-DD, inclusive. */
export interface ProviderProductivityOptions {
  periodStart: string;
  periodEnd: string;
  siteId?: string;
  providerId?: string;
}
