import { Command } from '@nestjs/cqrs';

import type { SignalSourceKey } from '@cairn/platform/performance-signals';

/** What happened to one source in a recompute. */
export interface SourceRecomputeResult {
  source: SignalSourceKey;
  status: 'ok' | 'failing';
  /** Buckets stored (ok) or 0. */
  buckets: number;
  /** The error of a failing source (also stored in ds_source_status). */
  error: string | null;
}

export interface RecomputeResult {
  organizationId: string;
  from: string;
  to: string;
  computedAt: string;
  results: SourceRecomputeResult[];
}

/**
 * Recomputes the stored values of `sources` for the days [from, to] (inclusive, YYYY-MM-DD) of one organization:
 * asks each source through GetPerformanceSignalsQuery (the query bus, the same transaction), replaces the stored
 * cells of those days, and records each source's status (ok, or failing with its error and since when). A failing
 * source does not stop the others, and its last known values stay in the store (the views show them as stale).
 *
 * Sent by the admin's on-demand route (POST /api/v1/dashboards/recompute) and by the worker (consumers of
 * integration events, the near-real-time and nightly schedulers) under a system context for the organization.
 * `expectedIntervalSeconds` overrides how often the source is expected to succeed (else EXPECTED_INTERVAL_SECONDS).
 */
export class RecomputeMetricsCommand extends Command<RecomputeResult> {
  constructor(
    readonly organizationId: string,
    readonly sources: readonly SignalSourceKey[],
    readonly from: string,
    readonly to: string,
    readonly expectedIntervalSeconds?: number,
  ) {
    super();
  }
}
