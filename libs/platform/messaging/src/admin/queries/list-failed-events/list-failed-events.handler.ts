import { ServiceUnavailableException } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { Job } from 'bullmq';

import type { Page } from '@cairn/platform/http';
import { TenantUseCase, TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

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
@TenantUseCase(ListFailedEventsQuery, {
  audit: { action: 'events.failed.list', resource: 'integration_event' },
  // The failed sets are in Redis: no database transaction is held open while they are read.
  transaction: 'audit-only',
})
export class ListFailedEventsHandler implements TenantUseCaseHandler<ListFailedEventsQuery, Page<FailedEventView>> {
  constructor(private readonly queues: MessagingQueues) {}

  async execute({ page, pageSize }: ListFailedEventsQuery, { ctx, audit }: UseCase): Promise<Page<FailedEventView>> {
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
    audit.scope({ page, pageSize, total: all.length, eventIds: items.map((i) => i.id) });
    return { items, page, pageSize, total: all.length };
  }
}
