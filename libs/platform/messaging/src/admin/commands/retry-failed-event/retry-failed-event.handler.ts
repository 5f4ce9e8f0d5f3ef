import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { Job } from 'bullmq';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { ConflictError, NotFoundError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
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
export class RetryFailedEventHandler implements ICommandHandler<RetryFailedEventCommand> {
  constructor(
    private readonly queues: MessagingQueues,
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ eventId }: RetryFailedEventCommand): Promise<RetriedEvent> {
    const ctx = this.requestContext.requireTenant();
    const found: Array<{ queue: QueueName; job: Job<IntegrationEvent>; state: string }> = [];
    try {
      for (const [name, queue] of this.queues.all()) {
        const job = (await withRedisTimeout(queue.getJob(eventId), `looking up a job in ${name}`)) as Job<IntegrationEvent> | undefined;
        if (job && job.data?.organizationId === ctx.organizationId) found.push({ queue: name, job, state: await withRedisTimeout(job.getState(), 'reading a job state') });
      }
    } catch {
      throw redisUnavailable();
    }
    const base = { action: 'events.failed.retry', resourceType: 'integration_event', resourceId: eventId } as const;
    if (found.length === 0) {
      await this.audit.recordDetached({ ...base, outcome: 'not_found' });
      throw new NotFoundError('No event with that id in the queues of this organization.');
    }
    const failed = found.filter((f) => f.state === 'failed');
    if (failed.length === 0) {
      await this.audit.recordDetached({ ...base, outcome: 'failure', reason: 'not_failed', scope: { states: found.map((f) => `${f.queue}:${f.state}`) } });
      throw new ConflictError(`The event is not in a failed set (it is ${found.map((f) => f.state).join(', ')}).`);
    }
    try {
      for (const f of failed) await withRedisTimeout(f.job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }), 'retrying a job');
    } catch (e) {
      // Another admin retried it a moment ago: the job is no longer in the failed set.
      if (e instanceof Error && /not in the failed state|is not in the failed/i.test(e.message)) throw new ConflictError('The event was retried already.');
      throw redisUnavailable();
    }
    const queues = failed.map((f) => f.queue);
    await this.txHost.withTransaction(() =>
      this.audit.record({ ...base, outcome: 'success', scope: { queues, eventType: failed[0]!.job.data.type } }),
    );
    return { id: eventId, queues, state: 'waiting' };
  }
}
