// @cairn/dashboards/testing: what tests outside the library may reach beyond its modules (test code only, by lint).
export { RecomputeMetricsCommand } from '../src/metric-store/commands/recompute-metrics/recompute-metrics.command';
export type { RecomputeResult } from '../src/metric-store/commands/recompute-metrics/recompute-metrics.command';
