import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';

import type { IntegrationEvent } from '@cairn/platform/messaging';

import type { DsTx } from '../../dashboards.tx';
import { RecomputeMetricsCommand, type RecomputeResult } from '../../metric-store/commands/recompute-metrics/recompute-metrics.command';
import { affectedDays, providersOf, signalsOfSources, sourcesForEvent } from '../domain/affected-days.rules';
import type { DashboardChange } from '../domain/dashboard-change.rules';
import { organizationTimezone } from '../infrastructure/refresh.repository';

/**
 * Real-time update model: an integration event named in SIGNAL_METRICS[].events makes its sources' days stale;
 * this recomputes them (RecomputeMetricsCommand, in the consumer's transaction under the event's organization) and
 * returns the change to announce once that transaction committed (the processor publishes it). A failing source is
 * recorded as failing by the command (its last known values stay, the views show them stale) and named in the change.
 */
@Injectable()
export class RecomputeWhenSignalEventHandler {
  constructor(private readonly commands: CommandBus) {}

  async handle(event: IntegrationEvent, tx: DsTx): Promise<DashboardChange | null> {
    const sources = sourcesForEvent(event.type);
    if (sources.length === 0) return null;
    const payload = event.payload as unknown as Record<string, unknown>;
    const timezone = await organizationTimezone(tx, event.organizationId);
    const days = affectedDays(timezone, event.occurredAt, payload);
    const status: Record<string, 'ok' | 'failing'> = {};
    let computedAt = new Date().toISOString();
    for (const day of days) {
      const result = await this.commands.execute<RecomputeMetricsCommand, RecomputeResult>(
        new RecomputeMetricsCommand(event.organizationId, sources, day, day),
      );
      computedAt = result.computedAt;
      for (const r of result.results) status[r.source] = status[r.source] === 'failing' ? 'failing' : r.status;
    }
    return {
      organizationId: event.organizationId,
      trigger: 'event',
      cause: event.type,
      sources,
      signals: signalsOfSources(sources),
      days,
      providerIds: providersOf(payload),
      status,
      computedAt,
      occurredAt: event.occurredAt,
    };
  }
}
