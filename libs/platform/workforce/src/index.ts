export { GetProviderProductivityQuery, getProviderProductivity } from './get-provider-productivity.query';
export type { QueryExecutor } from './get-provider-productivity.query';
export { SESSION_CATEGORIES } from './provider-productivity-summary';
export type {
  DocumentationLagBins,
  ProviderProductivityOptions,
  ProviderProductivityReport,
  ProviderProductivitySummary,
  SessionCategory,
} from './provider-productivity-summary';
