import { CommandHandler, QueryBus } from '@nestjs/cqrs';

import { ForbiddenError, InvalidInputError } from '@cairn/platform/kernel';
import {
  assertSignalRange,
  GetPerformanceSignalsQuery,
  isSignalSource,
  SIGNAL_SOURCES,
  type SignalBucket,
} from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import { withSignalSpan } from '../../../observability/infrastructure/tracing.service';
import { errorText, EXPECTED_INTERVAL_SECONDS } from '../../domain/source-status.rules';
import {
  lockSource,
  recordSourceFailure,
  recordSourceSuccess,
  replaceSourceValues,
  withSavepoint,
} from '../../infrastructure/metric-values.repository';
import { RecomputeMetricsCommand, type RecomputeResult, type SourceRecomputeResult } from './recompute-metrics.command';

@CommandHandler(RecomputeMetricsCommand)
@TenantUseCase(RecomputeMetricsCommand, {
  audit: { action: 'dashboards.metrics.recompute', resource: 'dashboard_metric_values', actor: 'derived-from-context' },
})
export class RecomputeMetricsHandler implements DsUseCaseHandler<RecomputeMetricsCommand, RecomputeResult> {
  constructor(private readonly queries: QueryBus) {}

  async execute(cmd: RecomputeMetricsCommand, { ctx, tx, audit }: DsUseCase): Promise<RecomputeResult> {
    if (cmd.organizationId !== ctx.organizationId)
      throw audit.refuse('other_organization', new ForbiddenError('Metrics are recomputed only in the organization of the request.'));
    assertSignalRange(cmd.from, cmd.to);
    const unknown = cmd.sources.filter((s) => !isSignalSource(s));
    if (unknown.length || cmd.sources.length === 0)
      throw new InvalidInputError('Unknown signal sources.', [
        { field: 'sources', message: unknown.length ? `unknown: ${unknown.join(', ')}` : 'name at least one source' },
      ]);
    if (cmd.expectedIntervalSeconds !== undefined && !(Number.isInteger(cmd.expectedIntervalSeconds) && cmd.expectedIntervalSeconds > 0))
      throw new InvalidInputError('The expected interval must be a positive number of seconds.', [
        { field: 'expectedIntervalSeconds', message: 'a positive integer' },
      ]);

    const results: SourceRecomputeResult[] = [];
    // In catalogue order: the per-source locks below are then always taken in one order.
    for (const source of SIGNAL_SOURCES.filter((s) => cmd.sources.includes(s))) {
      const interval = cmd.expectedIntervalSeconds ?? EXPECTED_INTERVAL_SECONDS[source];
      await lockSource(tx, cmd.organizationId, source);
      const at = new Date();
      try {
        const buckets = await withSavepoint(tx, source, async () => {
          // A span per cross-context feed call (OpenTelemetry; exported over OTLP when configured).
          const rows = await withSignalSpan(source, cmd, () =>
            this.queries.execute<GetPerformanceSignalsQuery, SignalBucket[]>(
              new GetPerformanceSignalsQuery(cmd.organizationId, source, cmd.from, cmd.to),
            ),
          );
          return replaceSourceValues(tx, cmd.organizationId, source, cmd.from, cmd.to, rows, at);
        });
        await recordSourceSuccess(tx, cmd.organizationId, source, at, interval);
        results.push({ source, status: 'ok', buckets, error: null });
      } catch (e) {
        // The source's work rolled back to its savepoint: its last known values stay, and the status says why.
        const error = errorText(e);
        await recordSourceFailure(tx, cmd.organizationId, source, at, error, interval);
        results.push({ source, status: 'failing', buckets: 0, error });
      }
    }
    audit.scope({ sources: results.map((r) => `${r.source}:${r.status}`), from: cmd.from, to: cmd.to });
    return { organizationId: cmd.organizationId, from: cmd.from, to: cmd.to, computedAt: new Date().toISOString(), results };
  }
}
