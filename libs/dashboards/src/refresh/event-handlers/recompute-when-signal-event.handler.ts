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
/** What one transaction already recomputed, per "source|day". */
type Recomputed = Map<string, { status: 'ok' | 'failing'; computedAt: string }>;

@Injectable()
export class RecomputeWhenSignalEventHandler {
  /**
   * Per consumer transaction (keyed by the transaction client, so it ends with it): the sources and days already
   * recomputed. A group commit (EventConsumer) hands several events of one organization to one transaction, and the
   * data behind every one of them committed before that transaction began (an event is relayed only after its
   * transaction committed, and each statement reads what is committed), so the first recomputation of a source's day
   * already counts every event of the group; the next events of the same day reuse it instead of repeating it.
   */
  private readonly recomputed = new WeakMap<object, Recomputed>();

  constructor(private readonly commands: CommandBus) {}

  async handle(event: IntegrationEvent, tx: DsTx): Promise<DashboardChange | null> {
    const sources = sourcesForEvent(event.type);
    if (sources.length === 0) return null;
    const payload = event.payload as unknown as Record<string, unknown>;
    const timezone = await organizationTimezone(tx, event.organizationId);
    const days = affectedDays(timezone, event.occurredAt, payload);
    let done = this.recomputed.get(tx);
    if (!done) this.recomputed.set(tx, (done = new Map()));
    const status: Record<string, 'ok' | 'failing'> = {};
    let computedAt = new Date().toISOString();
    for (const day of days) {
      const todo = sources.filter((s) => !done.has(`${s}|${day}`));
      if (todo.length > 0) {
        const result = await this.commands.execute<RecomputeMetricsCommand, RecomputeResult>(
          new RecomputeMetricsCommand(event.organizationId, todo, day, day),
        );
        for (const r of result.results) done.set(`${r.source}|${day}`, { status: r.status, computedAt: result.computedAt });
      }
      for (const source of sources) {
        const r = done.get(`${source}|${day}`);
        if (!r) continue;
        computedAt = r.computedAt;
        status[source] = status[source] === 'failing' ? 'failing' : r.status;
      }
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
