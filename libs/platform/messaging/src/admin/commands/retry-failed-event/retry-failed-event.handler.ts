import { CommandHandler } from '@nestjs/cqrs';
import type { Job } from 'bullmq';

import { ConflictError, NotFoundError } from '@cairn/platform/http';
import { TenantUseCase, TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

import type { IntegrationEvent } from '../../../event-types';
import type { QueueName } from '../../../job-map';
import { MessagingQueues, withRedisTimeout } from '../../../outbox/messaging-queues';
import { redisUnavailable } from '../../queries/list-failed-events/list-failed-events.handler';
import { RetriedEvent, RetryFailedEventCommand } from './retry-failed-event.command';

/**
 * Moves an event's failed job(s) back to waiting with a fresh set of attempts. Unknown ids, and ids of other
 * organizations' events, answer 404 alike; an event that is not in a failed set (waiting, completed, ...)
 * answers 409. Every outcome is audited.
 */
@CommandHandler(RetryFailedEventCommand)
@TenantUseCase(RetryFailedEventCommand, {
  audit: { action: 'events.failed.retry', resource: 'integration_event', id: (c) => c.eventId },
  // The work is in Redis: no database transaction is held open across it.
  transaction: 'audit-only',
})
export class RetryFailedEventHandler implements TenantUseCaseHandler<RetryFailedEventCommand, RetriedEvent> {
  constructor(private readonly queues: MessagingQueues) {}

  async execute({ eventId }: RetryFailedEventCommand, { ctx, audit }: UseCase): Promise<RetriedEvent> {
    const found: Array<{ queue: QueueName; job: Job<IntegrationEvent>; state: string }> = [];
    try {
      for (const [name, queue] of this.queues.all()) {
        const job = (await withRedisTimeout(queue.getJob(eventId), `looking up a job in ${name}`)) as Job<IntegrationEvent> | undefined;
        if (job && job.data?.organizationId === ctx.organizationId)
          found.push({ queue: name, job, state: await withRedisTimeout(job.getState(), 'reading a job state') });
      }
    } catch {
      throw redisUnavailable();
    }
    if (found.length === 0) throw new NotFoundError('No event with that id in the queues of this organization.');
    const failed = found.filter((f) => f.state === 'failed');
    if (failed.length === 0) {
      throw audit.refuse(
        'not_failed',
        new ConflictError(`The event is not in a failed set (it is ${found.map((f) => f.state).join(', ')}).`),
        'failure',
        {
          states: found.map((f) => `${f.queue}:${f.state}`),
        },
      );
    }
    try {
      for (const f of failed)
        await withRedisTimeout(f.job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }), 'retrying a job');
    } catch (e) {
      // Another admin retried it a moment ago: the job is no longer in the failed set.
      if (e instanceof Error && /not in the failed state|is not in the failed/i.test(e.message))
        throw new ConflictError('The event was retried already.');
      throw redisUnavailable();
    }
    const queues = failed.map((f) => f.queue);
    audit.scope({ queues, eventType: failed[0]!.job.data.type });
    return { id: eventId, queues, state: 'waiting' };
  }
}
