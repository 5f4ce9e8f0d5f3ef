import { ServiceUnavailableException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { Job } from 'bullmq';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import type { IntegrationEvent } from '../../../event-types';
import { MessagingQueues, withRedisTimeout } from '../../../outbox/messaging-queues';
import { FailedEventView, toFailedEventView } from '../../failed-event.view';
import { ListFailedEventsQuery } from './list-failed-events.query';

/** Redis failed, not the request: 503 problem+json rather than a 500. */
export function redisUnavailable(): ServiceUnavailableException {
  return new ServiceUnavailableException('The queue store (Redis) is unavailable. Try again shortly.');
}

/**
 * The organization's jobs in every queue's failed set, newest failure first. BullMQ's failed set is shared by
 * all organizations; only jobs whose event belongs to the caller's organization are shown.
 */
@QueryHandler(ListFailedEventsQuery)
export class ListFailedEventsHandler implements IQueryHandler<ListFailedEventsQuery> {
  constructor(
    private readonly queues: MessagingQueues,
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ page, pageSize }: ListFailedEventsQuery) {
    const ctx = this.requestContext.requireTenant();
    const all: FailedEventView[] = [];
    try {
      for (const [name, queue] of this.queues.all()) {
        const jobs = (await withRedisTimeout(queue.getFailed(0, -1), `reading ${name}'s failed set`)) as Job<IntegrationEvent>[];
        for (const job of jobs) if (job?.data?.organizationId === ctx.organizationId) all.push(toFailedEventView(name, job));
      }
    } catch {
      throw redisUnavailable();
    }
    all.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? '') || a.id.localeCompare(b.id));
    const items = all.slice((page - 1) * pageSize, page * pageSize);
    await this.txHost.withTransaction(() =>
      this.audit.record({
        action: 'events.failed.list', resourceType: 'integration_event', outcome: 'success',
        scope: { page, pageSize, total: all.length, eventIds: items.map((i) => i.id) },
      }),
    );
    return { items, page, pageSize, total: all.length };
  }
}
