import { Global, Module } from '@nestjs/common';

import { AuditModule } from '@cairn/platform/audit';
import { MetricsModule } from '@cairn/platform/http';

import { RetryFailedEventHandler } from './admin/commands/retry-failed-event/retry-failed-event.handler';
import { FailedEventsController } from './admin/failed-events.controller';
import { ListFailedEventsHandler } from './admin/queries/list-failed-events/list-failed-events.handler';
import { ConsumerDeps, EventConsumerRegistry } from './consumer/event-consumer';
import { MessagingMetrics } from './consumer/messaging-metrics';
import { MessagingQueues } from './outbox/messaging-queues';
import { OutboxPublisher } from './outbox/outbox-publisher';
import { EvictionPolicyStartupCheck, MessagingConnections } from './redis/redis-connections';

/**
 * Publishing (OutboxPublisher) and the queues. Global: import once per app (API and worker), after DbModule
 * and ConfigModule; any context's handler may then inject OutboxPublisher.
 */
@Global()
@Module({
  providers: [MessagingConnections, MessagingQueues, OutboxPublisher],
  exports: [MessagingConnections, MessagingQueues, OutboxPublisher],
})
export class MessagingModule {}

/**
 * What the worker adds: the consumers' dependencies (ConsumerDeps), the messaging metrics on the worker's
 * /metrics and the start-up check of Redis' eviction policy. Global, so a context's worker module can declare consumers without importing it.
 */
@Global()
@Module({
  imports: [MetricsModule],
  providers: [MessagingMetrics, ConsumerDeps, EventConsumerRegistry, EvictionPolicyStartupCheck],
  exports: [MessagingMetrics, ConsumerDeps, EventConsumerRegistry, EvictionPolicyStartupCheck],
})
export class MessagingWorkerModule {}

/** GET /api/v1/admin/events/failed and POST .../:id/retry. Import once, in the API. */
@Module({
  imports: [AuditModule],
  controllers: [FailedEventsController],
  providers: [ListFailedEventsHandler, RetryFailedEventHandler],
})
export class MessagingAdminModule {}
