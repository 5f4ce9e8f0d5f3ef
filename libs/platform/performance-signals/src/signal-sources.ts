/** The owning context's sources of performance signals (one query handler each, in the owning context). */
export const SIGNAL_SOURCES = [
  'pm.appointments',
  'pm.charges',
  'cl.documentation',
  'cl.group-encounters',
  'cl.peer',
  'cl.caseload',
  'cl.consents',
  'cl.supervision',
  'platform.audit',
  'portal.engagement',
] as const;
export type SignalSourceKey = (typeof SIGNAL_SOURCES)[number];

export const isSignalSource = (s: string): s is SignalSourceKey => (SIGNAL_SOURCES as readonly string[]).includes(s);

/** One aggregated value of one metric for one day (or as-of day for snapshot metrics). */
export interface SignalBucket {
  /** A key of SIGNAL_METRICS. */
  metricKey: string;
  /** Null when the metric is not site-bound. */
  siteId: string | null;
  /** Staff user id; null when the metric is not provider-bound. */
  providerId: string | null;
  /** YYYY-MM-DD in the organization's calendar; for snapshots, the as-of day. */
  day: string;
  value: number;
  /** E.g. by status, payer, code. Headline aggregates only: never a record id. */
  breakdown?: Record<string, number>;
}
