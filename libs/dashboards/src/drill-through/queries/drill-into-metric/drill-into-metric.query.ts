import { Query } from '@nestjs/cqrs';

import type { SignalRecordPage } from '@cairn/platform/performance-signals';

import type { FilterInput } from '../../../views/domain/filters.rules';

export interface DrillResult {
  drillKey: string;
  /** The metric the caller drilled from (one of theirs with this drill key). */
  metricKey: string;
  filters: { from: string; to: string; siteId: string | null; providerId: string | null };
  records: SignalRecordPage;
}

export type DrillOutcome =
  { outcome: 'ok'; result: DrillResult } | { outcome: 'denied'; message: string; errors: { field: string; message: string }[] };

/**
 * Drill-through (§13.6): the source records behind a metric, from the owning context's ListSignalRecordsQuery
 * (its permission checks, Part 2 rules and PHI audit apply), within the caller's scope. Writes a drilled-into
 * dashboard audit event (or a denied one) before the answer; writes nothing to a source.
 */
export class DrillIntoMetricQuery extends Query<DrillOutcome> {
  constructor(
    readonly drillKey: string,
    readonly metricKey: string | undefined,
    readonly filters: FilterInput,
    readonly page: { page: number; pageSize: number },
  ) {
    super();
  }
}
