import { Command } from '@nestjs/cqrs';

import type { MetricDefinitionView } from '../../domain/definition.view';

/**
 * A practice's change of a metric definition: target, thresholds, visibility rules, attention rules. Never a
 * calculation field (refused naming the field). Writes the practice's override row and appends the change to the
 * definition audit trail.
 */
export class UpdateMetricDefinitionCommand extends Command<MetricDefinitionView> {
  constructor(
    readonly metricKey: string,
    readonly change: Record<string, unknown>,
  ) {
    super();
  }
}
