import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';

import { ConsumerDeps, EventConsumer, type DeliveryOutcome, type QueueEvent } from '@cairn/platform/messaging';

import type { DsTx } from '../dashboards.tx';
import type { DashboardChange } from '../refresh/domain/dashboard-change.rules';
import { RecomputeWhenSignalEventHandler } from '../refresh/event-handlers/recompute-when-signal-event.handler';
import { DashboardChangesGateway } from '../refresh/infrastructure/dashboard-changes.gateway';

/**
 * Dashboards' real-time update model (ADR 0017): every event a performance signal names recomputes its sources'
 * days (RecomputeWhenSignalEventHandler), and once that transaction committed the change goes out on Redis for
 * the API's SSE stream. Announcing after the commit means a browser that refetches on the message reads the new
 * values; a redelivered (duplicate) event announces nothing.
 */
@Injectable()
export class DashboardsMetricsProcessor extends EventConsumer<'dashboards-metrics'> {
  readonly queue = 'dashboards-metrics';
  readonly consumerName = 'dashboards.metrics';
  private readonly pending = new Map<string, DashboardChange>();

  constructor(
    deps: ConsumerDeps,
    private readonly recompute: RecomputeWhenSignalEventHandler,
    private readonly changes: DashboardChangesGateway,
  ) {
    super(deps);
  }

  protected async handle(event: QueueEvent<'dashboards-metrics'>, tx: DsTx): Promise<void> {
    const change = await this.recompute.handle(event, tx);
    if (change) this.pending.set(event.id, change);
  }

  override async process(job: Pick<Job<QueueEvent<'dashboards-metrics'>>, 'data' | 'name'>): Promise<DeliveryOutcome> {
    const id = job.data?.id;
    try {
      const outcome = await super.process(job);
      const change = id ? this.pending.get(id) : undefined;
      if (outcome === 'processed' && change) await this.changes.publish(change);
      return outcome;
    } finally {
      if (id) this.pending.delete(id);
    }
  }
}
