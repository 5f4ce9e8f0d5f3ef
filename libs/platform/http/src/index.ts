export {
  bodyParserErrorMiddleware,
  JSON_MEDIA_TYPE,
  MULTIPART_UPLOAD_PATHS,
  RequestBodyError,
  requireJsonBody,
} from './body-parser-errors';
// The domain errors live in @cairn/platform/kernel; re-exported here for one step so handlers can move over.
export {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
  TooManyRequestsError,
  UnauthorizedError,
} from '@cairn/platform/kernel';
export { DependencyHealth, HealthChecksModule, HealthController, HealthModule, Readiness, SHUTTING_DOWN } from './health';
export { loggerParams, pathOf, pinoOptions, REDACTED, REDACTED_FIELDS, redactDeep } from './logging';
export {
  HttpMetrics,
  HttpMetricsModule,
  metricsAccess,
  metricsAccessMiddleware,
  MetricsController,
  MetricsModule,
  MetricsRegistry,
  UNMATCHED_ROUTE,
} from './metrics';
export { ApiPageResponse, DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, PageMetaDto, PageQueryDto, pageOf, pageWindow } from './pagination';
export type { Page } from './pagination';
export { FieldErrorDto, PROBLEM_BASE, PROBLEM_CONTENT_TYPE, ProblemDetailsDto, problemType } from './problem-details';
export type { FieldError, ProblemDetails } from './problem-details';
export { DOMAIN_ERROR_STATUS, mapException, ProblemDetailsFilter } from './problem-details.filter';
export type { MappedProblem } from './problem-details.filter';
export { REQUEST_ID_HEADER, requestIdMiddleware } from './request-id.middleware';
export { createValidationPipe, flattenValidationErrors, IsJsonObject } from './validation';
export { ApiProblemResponses, documentProblemBodies, STANDARD_PROBLEM_STATUSES } from './api-problem-responses';
export { assertDateRange, calendarDay, dateRange, IsCalendarDate, isoDate } from './calendar-date';
export { IsIdList } from './id-list';
export { isApiId, IsId, ParseIdPipe } from './id';
export { wantsCsv } from './csv-negotiation';
export { csvField, csvLine, streamCsv } from './csv';
export type { CsvExport, CsvValue } from './csv';
export { EXPORT_ROWS_TRAILER, EXPORT_STATUS_TRAILER, ExportAbortedError, sendStreamedExport } from './streamed-export';
export type { StreamedExport } from './streamed-export';
export {
  findHostileInput,
  HostileParamPipe,
  hostileInputMiddleware,
  jsonNestsDeeperThan,
  MAX_JSON_DEPTH,
  verifyJsonDepth,
  WHOLE_BODY,
} from './hostile-input';
export type { Assert, SameShape, ShapeDrift } from './view-shape';
export { SHUTDOWN_TIMEOUT_MS, STOP_MESSAGE, stopOnSignals } from './stop-on-signals';
export { MAX_PROCESSES, processesArgument, runProcessGroup } from './process-cluster';
export type { ProcessGroupOptions } from './process-cluster';
