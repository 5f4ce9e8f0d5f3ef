import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';

import { AuditCheckpointPublisher } from '@cairn/platform/audit';
import { AppConfig, CONFIG } from '@cairn/platform/config';
import { MessagingConnections, SCHEDULED_JOBS, WorkerDrain, type ScheduledJobMap } from '@cairn/platform/messaging';

const QUEUE = 'audit-checkpoint' as const;
type Payload = ScheduledJobMap[typeof QUEUE][(typeof SCHEDULED_JOBS)[typeof QUEUE]];

/**
 * Publishes a signed checkpoint of the audit chains' heads every AUDIT_CHECKPOINT_INTERVAL_SECONDS: a BullMQ job
 * scheduler (one per deployment however many workers run, idempotent on restart) and a worker that runs
 * AuditCheckpointPublisher.publish. Off when AUDIT_CHECKPOINT_KEY_FILE is empty or the interval is 0.
 */
@Injectable()
export class AuditCheckpointJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('AuditCheckpointJob');
  private queue?: Queue<Payload>;
  private worker?: Worker<Payload>;
  private connection?: Redis;

  constructor(
    private readonly publisher: AuditCheckpointPublisher,
    private readonly connections: MessagingConnections,
    private readonly drain: WorkerDrain,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.publisher.enabled) {
      this.logger.warn(
        'audit checkpoints are off (AUDIT_CHECKPOINT_KEY_FILE unset or AUDIT_CHECKPOINT_INTERVAL_SECONDS=0): a rewrite of the audit log by the database owner would go undetected (ADR 0009)',
      );
      return;
    }
    const prefix = this.connections.prefix;
    this.connection = this.connections.workerConnection();
    this.worker = new Worker<Payload>(
      QUEUE,
      async () => {
        const outcome = await this.publisher.publish();
        return outcome.published ? `published ${outcome.checkpoint.heads.length} head(s)` : outcome.reason;
      },
      { connection: this.connection, prefix, concurrency: 1 },
    );
    this.worker.on('failed', (_job, err) => this.logger.error(`audit checkpoint failed: ${err.message}`));
    this.worker.on('error', (err) => this.logger.warn(`audit checkpoint worker: ${err.message}`));
    this.queue = new Queue<Payload>(QUEUE, { connection: this.connections.producer, prefix });
    this.queue.on('error', () => undefined); // a Redis outage; the scheduler call below reports it
    void this.queue
      .upsertJobScheduler(
        QUEUE,
        { every: this.config.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000 },
        {
          name: SCHEDULED_JOBS[QUEUE],
          data: {},
          opts: { removeOnComplete: 100, removeOnFail: 1000 },
        },
      )
      .catch((e: unknown) => this.logger.error(`could not schedule audit checkpoints: ${e instanceof Error ? e.message : String(e)}`));
    this.drain.register(QUEUE, () => this.close());
  }

  private async close(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    this.connection?.disconnect();
  }
}
