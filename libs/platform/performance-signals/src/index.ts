export { SIGNAL_SOURCES, isSignalSource } from './signal-sources';
export type { SignalBucket, SignalSourceKey } from './signal-sources';
export { SIGNAL_METRICS, signalMetric, signalMetricsOf } from './signal-metrics';
export type { SignalMetric } from './signal-metrics';
export { SIGNAL_EVENT_TYPES } from './signal-events';
export { MAX_SIGNAL_RANGE_DAYS, assertSignalRange, assertSignalRecordRequest } from './signal-range';
export {
  GetAppointmentSignalsQuery,
  GetAuditSignalsQuery,
  GetCaseloadSignalsQuery,
  GetChargeSignalsQuery,
  GetConsentSignalsQuery,
  GetDocumentationSignalsQuery,
  GetEngagementSignalsQuery,
  GetGroupEncounterSignalsQuery,
  GetPeerSignalsQuery,
  GetPerformanceSignalsQuery,
  GetSupervisionSignalsQuery,
  SOURCE_SIGNAL_QUERIES,
  SourceSignalsQuery,
  toSourceSignalsQuery,
} from './get-performance-signals.query';
export {
  DRILL_KEYS,
  DRILL_RECORD_QUERIES,
  ListAppointmentSignalRecordsQuery,
  ListChargeSignalRecordsQuery,
  ListConsentSignalRecordsQuery,
  ListGroupEncounterSignalRecordsQuery,
  ListNoteSignalRecordsQuery,
  ListPeerEncounterSignalRecordsQuery,
  ListSignalRecordsQuery,
  MAX_SIGNAL_RECORD_PAGE_SIZE,
  OwnerSignalRecordsQuery,
  isDrillKey,
  toOwnerSignalRecordsQuery,
} from './list-signal-records.query';
export type { DrillKey, SignalRecordFilters, SignalRecordPage, SignalRecordRow } from './list-signal-records.query';
