import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { PrismaService } from '@cairn/platform/db';
import { MetricsRegistry } from '@cairn/platform/http';
import { MessagingQueues, withRedisTimeout } from '../outbox/messaging-queues';

const JOB_STATES = ['wait', 'active', 'delayed', 'failed'] as const;

/**
 * The worker's messaging metrics: queue depth by state, job attempts, failures and latency, and the outbox
 * backlog (rows not yet relayed and the age of the oldest, i.e. the relay's lag). Queue depth and outbox lag
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
    this.attempts = new Counter({ name: 'cairn_job_attempts_total', help: 'Job attempts started, by queue', labelNames: ['queue'], registers });
    this.completed = new Counter({
      name: 'cairn_jobs_completed_total', help: 'Jobs completed, by queue and outcome (processed, or duplicate: already applied)',
      labelNames: ['queue', 'outcome'], registers,
    });
    this.failures = new Counter({
      name: 'cairn_job_failures_total', help: 'Failed job attempts, by queue; final="true" when the job went to the failed set',
      labelNames: ['queue', 'final'], registers,
    });
    this.duration = new Histogram({
      name: 'cairn_job_duration_seconds', help: 'Time a consumer spent on one job attempt', labelNames: ['queue'], registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
    this.delivery = new Histogram({
      name: 'cairn_event_delivery_seconds', help: 'From the event\'s commit (occurredAt) to its effect committing in the consumer',
      labelNames: ['queue'], registers, buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    });
    this.relayed = new Counter({ name: 'cairn_outbox_relayed_total', help: 'Outbox events the relay handed to a queue', labelNames: ['queue'], registers });
    this.relayErrors = new Counter({ name: 'cairn_outbox_relay_errors_total', help: 'Relay batches that could not be handed to Redis', registers });

    new Gauge({
      name: 'cairn_queue_jobs', help: 'Jobs in each queue by state (queue depth)', labelNames: ['queue', 'state'], registers,
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
    const outbox = async () => {
      const rows = await prisma.$queryRaw<{ unsent: bigint; oldest_unsent_age_seconds: number }[]>`SELECT * FROM pf_outbox_stats()`;
      return rows[0] ?? { unsent: 0n, oldest_unsent_age_seconds: 0 };
    };
    new Gauge({
      name: 'cairn_outbox_unsent_events', help: 'Outbox events not yet handed to Redis', registers,
      async collect() {
        try {
          this.set(Number((await outbox()).unsent));
        } catch {
          // database down
        }
      },
    });
    new Gauge({
      name: 'cairn_outbox_lag_seconds', help: 'Age of the oldest outbox event not yet handed to Redis (0 when none)', registers,
      async collect() {
        try {
          this.set(Number((await outbox()).oldest_unsent_age_seconds));
        } catch {
          // database down
        }
      },
    });
  }
}
