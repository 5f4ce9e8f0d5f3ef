import { Query } from '@nestjs/cqrs';

export const DRILL_KEYS = [
  'appointments.today',
  'appointments.no-show',
  'appointments.cancelled',
  'notes.unsigned',
  'notes.overdue',
  'group-encounters.pending',
  'peer-encounters.draft',
  'charges.on-hold',
  'consents.expiring',
] as const;
export type DrillKey = (typeof DRILL_KEYS)[number];

export const isDrillKey = (s: string): s is DrillKey => (DRILL_KEYS as readonly string[]).includes(s);

export interface SignalRecordFilters {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
  siteId?: string;
  providerId?: string;
}

export interface SignalRecordRow {
  id: string;
  /** Empty when the row is withheld. */
  cells: Record<string, string | number | null>;
  /** Set when the caller may know the record exists but not see it (a Part 2 record without consent). */
  withheld: { reason: string } | null;
  /** The staff-web path of the record (its source workflow). */
  link: string;
}

export interface SignalRecordPage {
  columns: Array<{ key: string; label: string }>;
  rows: SignalRecordRow[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Drill-through: the source records behind a metric, through the owning context's own permission checks,
 * Part 2 rules (withheld rows show only that they exist and why) and PHI audit. Read-only.
 *
 * Answered like GetPerformanceSignalsQuery: the router sends the owner's query below
 * (DRILL_RECORD_QUERIES[drillKey]) on the same bus; each owning context handles its own class.
 */
export class ListSignalRecordsQuery extends Query<SignalRecordPage> {
  constructor(
    readonly organizationId: string,
    readonly drillKey: DrillKey,
    readonly filters: SignalRecordFilters,
    readonly page: { page: number; pageSize: number },
  ) {
    super();
  }
}

/** The owner's drill-through query: the same arguments. */
export abstract class OwnerSignalRecordsQuery extends Query<SignalRecordPage> {
  constructor(
    readonly organizationId: string,
    readonly drillKey: DrillKey,
    readonly filters: SignalRecordFilters,
    readonly page: { page: number; pageSize: number },
  ) {
    super();
  }
}

/** appointments.today, appointments.no-show, appointments.cancelled: PM. */
export class ListAppointmentSignalRecordsQuery extends OwnerSignalRecordsQuery {}
/** charges.on-hold: PM. */
export class ListChargeSignalRecordsQuery extends OwnerSignalRecordsQuery {}
/** notes.unsigned, notes.overdue: CL. */
export class ListNoteSignalRecordsQuery extends OwnerSignalRecordsQuery {}
/** group-encounters.pending: CL. */
export class ListGroupEncounterSignalRecordsQuery extends OwnerSignalRecordsQuery {}
/** peer-encounters.draft: CL. */
export class ListPeerEncounterSignalRecordsQuery extends OwnerSignalRecordsQuery {}
/** consents.expiring: CL. */
export class ListConsentSignalRecordsQuery extends OwnerSignalRecordsQuery {}

type OwnerSignalRecordsQueryClass = new (
  organizationId: string,
  drillKey: DrillKey,
  filters: SignalRecordFilters,
  page: { page: number; pageSize: number },
) => OwnerSignalRecordsQuery;

/** Which owner's query answers each drill key. */
export const DRILL_RECORD_QUERIES: { readonly [K in DrillKey]: OwnerSignalRecordsQueryClass } = {
  'appointments.today': ListAppointmentSignalRecordsQuery,
  'appointments.no-show': ListAppointmentSignalRecordsQuery,
  'appointments.cancelled': ListAppointmentSignalRecordsQuery,
  'notes.unsigned': ListNoteSignalRecordsQuery,
  'notes.overdue': ListNoteSignalRecordsQuery,
  'group-encounters.pending': ListGroupEncounterSignalRecordsQuery,
  'peer-encounters.draft': ListPeerEncounterSignalRecordsQuery,
  'charges.on-hold': ListChargeSignalRecordsQuery,
  'consents.expiring': ListConsentSignalRecordsQuery,
};

/** The owner's query of a ListSignalRecordsQuery, or undefined for an unknown drill key. */
export function toOwnerSignalRecordsQuery(q: ListSignalRecordsQuery): OwnerSignalRecordsQuery | undefined {
  const Class = (DRILL_RECORD_QUERIES as Record<string, OwnerSignalRecordsQueryClass | undefined>)[q.drillKey];
  return Class ? new Class(q.organizationId, q.drillKey, q.filters, q.page) : undefined;
}

/** The largest drill-through page. */
export const MAX_SIGNAL_RECORD_PAGE_SIZE = 100;
