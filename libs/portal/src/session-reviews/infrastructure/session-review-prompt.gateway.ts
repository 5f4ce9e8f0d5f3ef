import { TransactionHost } from '@nestjs-cls/transactional';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { ClsService } from 'nestjs-cls';

import { CLS_REQUEST_ID, TENANT_CONTEXT } from '@cairn/platform/db';
import { MessagingConnections, SCHEDULED_JOBS, systemContext, WorkerDrain } from '@cairn/platform/messaging';

import type { PortalTxHost } from '../../portal.tx';
import { promptJobId } from '../domain/session-review.rules';
import { PromptSessionReviewHandler, type SessionReviewPrompt } from '../event-handlers/create-review-when-prompt-due.handler';

const QUEUE = 'portal-session-review-prompts' as const;

/**
 * The delayed review prompts (scenario 4) in the worker: `schedule` adds one delayed job per appointment (its id
 * from the appointment, so a job already waiting is not added twice); the worker runs PromptSessionReviewHandler in
 * one transaction under the organization as the system. A finished job is removed, so a later re-send of the same
 * completion may add it again: the prompt's unique key then makes it a no-op.
 */
@Injectable()
export class SessionReviewPromptQueue implements OnApplicationBootstrap {
  private readonly logger = new Logger('SessionReviewPrompts');
  private queue?: Queue<SessionReviewPrompt>;
  private worker?: Worker<SessionReviewPrompt>;
  private connection?: Redis;

  constructor(
    private readonly prompt: PromptSessionReviewHandler,
    private readonly connections: MessagingConnections,
    private readonly drain: WorkerDrain,
    private readonly cls: ClsService,
    @Inject(TransactionHost) private readonly txHost: PortalTxHost,
  ) {}

  onApplicationBootstrap(): void {
    const prefix = this.connections.prefix;
    this.connection = this.connections.workerConnection();
    this.worker = new Worker<SessionReviewPrompt, string | null>(QUEUE, (job) => this.run(job.data), {
      connection: this.connection,
      prefix,
      concurrency: 4,
    });
    this.worker.on('failed', (job, err) => this.logger.error(`session review prompt ${job?.id ?? ''} failed: ${err.message}`));
    this.worker.on('error', (err) => this.logger.warn(`session review prompts worker: ${err.message}`));
    this.queue = new Queue<SessionReviewPrompt>(QUEUE, { connection: this.connections.producer, prefix });
    this.queue.on('error', () => undefined); // a Redis outage; `schedule` throws, so the consumer retries the event
    this.drain.register(QUEUE, () => this.close());
  }

  /** Adds the appointment's prompt job, due in `delayMs`. Throws when Redis does not take it (the event is retried). */
  async schedule(prompt: SessionReviewPrompt, delayMs: number): Promise<void> {
    if (!this.queue) throw new Error('the session review prompt queue is not started');
    await this.queue.add(SCHEDULED_JOBS[QUEUE], prompt, {
      jobId: promptJobId(prompt.organizationId, prompt.appointmentId),
      delay: delayMs,
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: true,
      removeOnFail: 1000,
    });
  }

  /** One prompt, in its own transaction under the organization as the system; exposed for tests. */
  run(prompt: SessionReviewPrompt): Promise<string | null> {
    return this.cls.run(() => {
      this.cls.set(TENANT_CONTEXT, systemContext(prompt.organizationId));
      this.cls.set(CLS_REQUEST_ID, `session-review-prompt:${prompt.appointmentId}`);
      return this.txHost.withTransaction(() => this.prompt.handle(prompt, this.txHost.tx));
    });
  }

  private async close(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    this.connection?.disconnect();
  }
}
