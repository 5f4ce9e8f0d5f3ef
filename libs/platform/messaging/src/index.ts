export { MessagingAdminModule, MessagingModule, MessagingWorkerModule } from './messaging.module';
export { EVENT_TYPES } from './event-types';
export type { EventPayloads, EventType, IntegrationEvent } from './event-types';
export { EVENTS_WITHOUT_CONSUMER, isQueueName, JOB_MAP, QUEUE_NAMES, queuesFor } from './job-map';
export type { JobMap, JobName, QueueEvent, QueueName, ScheduledJobMap, ScheduledJobName, ScheduledQueueName } from './job-map';
export { SCHEDULED_JOBS, SCHEDULED_QUEUE_NAMES } from './job-map';
export { buildEvent, OutboxPublishError, OutboxPublisher, writeOutboxEvent } from './outbox/outbox-publisher';
export type { OutboxTx, PublishOptions } from './outbox/outbox-publisher';
export { MessagingQueues } from './outbox/messaging-queues';
export { ConsumerDeps, EventConsumer, EventConsumerRegistry, systemContext } from './consumer/event-consumer';
export type { ConsumerTx, DeliveryOutcome } from './consumer/event-consumer';
export { MessagingMetrics } from './consumer/messaging-metrics';
export {
  checkEvictionPolicy,
  EvictionPolicyStartupCheck,
  MessagingConnections,
  PRODUCER_REDIS_OPTIONS,
  WORKER_REDIS_OPTIONS,
} from './redis/redis-connections';
export type { EvictionCheck } from './redis/redis-connections';
export { OutboxRelay } from './relay/outbox-relay';
export type { RelayBatch } from './relay/outbox-relay';
export { startWorker } from './worker/start-worker';
export type { RunningWorker, StartWorkerOptions } from './worker/start-worker';
export { WorkerDrain } from './worker/worker-drain';
export { WorkerHostModule } from './worker/worker-host.module';
export type { WorkerHostOptions } from './worker/worker-host.module';
export { runWorkerProcess } from './worker/worker-process';
