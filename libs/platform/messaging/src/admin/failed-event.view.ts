import type { Job } from 'bullmq';

import type { EventType, IntegrationEvent } from '../event-types';
import type { QueueName } from '../job-map';

/** A job in a queue's failed set, as the admin API shows it. */
export interface FailedEventView {
  /** The event id (= BullMQ job id). */
  id: string;
  queue: QueueName;
  eventType: EventType;
  occurredAt: string;
  failedAt: string | null;
  attemptsMade: number;
  /** The last error's message (consumer code writes ids, never PHI, into its errors). */
  failedReason: string;
  payload: unknown;
}

export function toFailedEventView(queue: QueueName, job: Job<IntegrationEvent>): FailedEventView {
  return {
    id: String(job.id),
    queue,
    eventType: job.data.type,
    occurredAt: job.data.occurredAt,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason ?? '',
    payload: job.data.payload,
  };
}
