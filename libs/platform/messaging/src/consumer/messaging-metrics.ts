import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';

import { PrismaService } from '@cairn/platform/db';
import { MetricsRegistry } from '@cairn/platform/http';

import { queuesFor } from '../job-map';
import { MessagingQueues, withRedisTimeout } from '../outbox/messaging-queues';

const JOB_STATES = ['wait', 'active', 'delayed', 'failed'] as const;

/**
 * The worker's messaging metrics: queue depth by state, job attempts, failures and latency, and the outbox
 * backlog (rows some queue takes not yet relayed and the age of the oldest, i.e. the relay's lag; rows no queue
 * takes yet as `cairn_outbox_waiting_events{type}`). Queue depth and outbox lag
 * are read at scrape time; a dependency that is down leaves them unreported rather than failing /metrics.
 */
@Injectable()
export class MessagingMetrics {
  readonly attempts: Counter<'queue'>;
  readonly completed: Counter<'queue' | 'outcome'>;
  readonly failures: Counter<'queue' | 'final'>;
  readonly duration: Histogram<'queue'>;
  readonly delivery: Histogram<'queue'>;
  readonly relayed: Counter<'queue'>;
  readonly relayErrors: Counter;

  constructor(metrics: MetricsRegistry, queues: MessagingQueues, prisma: PrismaService) {
    const registers = [metrics.registry];
    this.attempts = new Counter({
      name: 'cairn_job_attempts_total',
      help: 'Job attempts started, by queue',
      labelNames: ['queue'],
      registers,
    });
    this.completed = new Counter({
      name: 'cairn_jobs_completed_total',
      help: 'Jobs completed, by queue and outcome (processed, or duplicate: already applied)',
      labelNames: ['queue', 'outcome'],
      registers,
    });
    this.failures = new Counter({
      name: 'cairn_job_failures_total',
      help: 'Failed job attempts, by queue; final="true" when the job went to the failed set',
      labelNames: ['queue', 'final'],
      registers,
    });
    this.duration = new Histogram({
      name: 'cairn_job_duration_seconds',
      help: 'Time a consumer spent on one job attempt',
      labelNames: ['queue'],
      registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
    this.delivery = new Histogram({
      name: 'cairn_event_delivery_seconds',
      help: "From the event's commit (occurredAt) to its effect committing in the consumer",
      labelNames: ['queue'],
      registers,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    });
    this.relayed = new Counter({
      name: 'cairn_outbox_relayed_total',
      help: 'Outbox events the relay handed to a queue',
      labelNames: ['queue'],
      registers,
    });
    this.relayErrors = new Counter({
      name: 'cairn_outbox_relay_errors_total',
      help: 'Relay batches that could not be handed to Redis',
      registers,
    });

    new Gauge({
      name: 'cairn_queue_jobs',
      help: 'Jobs in each queue by state (queue depth)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        for (const [name, queue] of queues.all()) {
          try {
            const counts = await withRedisTimeout(queue.getJobCounts(...JOB_STATES), 'counting jobs', 1000);
            for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
          } catch {
            // Redis down: no sample rather than a failed scrape.
          }
        }
      },
    });
    // The backlog per event type, split by JOB_MAP: events some queue takes are late when they wait (the
    // lag alert's subject); events no queue takes yet (EVENTS_WITHOUT_CONSUMER) wait for a consumer by design
    // and are reported apart, so they never raise the lag.
    const outbox = async () => {
      const rows = await prisma.$queryRaw<
        { event_type: string; unsent: bigint; oldest_unsent_age_seconds: number }[]
      >`SELECT * FROM pf_outbox_stats_by_type()`;
      return summarizeOutbox(
        rows.map((r) => ({ type: r.event_type, unsent: Number(r.unsent), oldestAgeSeconds: Number(r.oldest_unsent_age_seconds) })),
      );
    };
    new Gauge({
      name: 'cairn_outbox_unsent_events',
      help: 'Outbox events some queue takes, not yet handed to Redis',
      registers,
      async collect() {
        try {
          this.set((await outbox()).unsent);
        } catch {
          // database down
        }
      },
    });
    new Gauge({
      name: 'cairn_outbox_lag_seconds',
      help: 'Age of the oldest outbox event some queue takes, not yet handed to Redis (0 when none)',
      registers,
      async collect() {
        try {
          this.set((await outbox()).lagSeconds);
        } catch {
          // database down
        }
      },
    });
    new Gauge({
      name: 'cairn_outbox_waiting_events',
      help: 'Outbox events of a type no queue takes yet, kept until a consumer exists',
      labelNames: ['type'],
      registers,
      async collect() {
        try {
          this.reset();
          for (const [type, n] of (await outbox()).waiting) this.set({ type }, n);
        } catch {
          // database down
        }
      },
    });
  }
}

export interface OutboxTypeBacklog {
  type: string;
  unsent: number;
  oldestAgeSeconds: number;
}

/**
 * The outbox backlog as the metrics report it: `unsent` and `lagSeconds` over the types some queue of JOB_MAP
 * takes, and the unsent count of every other type (`waiting`, by type), which waits for a consumer by design.
 */
export function summarizeOutbox(rows: OutboxTypeBacklog[]): { unsent: number; lagSeconds: number; waiting: Map<string, number> } {
  let unsent = 0;
  let lagSeconds = 0;
  const waiting = new Map<string, number>();
  for (const row of rows) {
    if (queuesFor(row.type).length === 0) {
      waiting.set(row.type, row.unsent);
      continue;
    }
    unsent += row.unsent;
    lagSeconds = Math.max(lagSeconds, row.oldestAgeSeconds);
  }
  return { unsent, lagSeconds, waiting };
}
