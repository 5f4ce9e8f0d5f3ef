export { MessagingAdminModule, MessagingModule, MessagingWorkerModule } from './messaging.module';
export { CL_GROUP_ENCOUNTERS_APPROVED_V1 } from './contracts/cl-group-encounters-approved.event';
export type { ClGroupEncountersApprovedV1 } from './contracts/cl-group-encounters-approved.event';
export { CL_GROUP_SESSION_DOCUMENTED_V1 } from './contracts/cl-group-session-documented.event';
export { GROUP_SESSION_MODALITIES } from './contracts/cl-group-session-documented.event';
export type { ClGroupSessionDocumentedV1, GroupSessionModality } from './contracts/cl-group-session-documented.event';
export { PEER_ENCOUNTER_FINALIZED_V1 } from './contracts/peer-encounter-finalized.event';
export type { PeerEncounterFinalizedV1 } from './contracts/peer-encounter-finalized.event';
export { PM_APPOINTMENT_STATUS_CHANGED_V1 } from './contracts/pm-appointment-status-changed.event';
export type { PmAppointmentStatusChangedV1 } from './contracts/pm-appointment-status-changed.event';
export { EVENT_TYPES } from './contracts/event-types';
export type { EventPayloads, EventType, IntegrationEvent } from './contracts/event-types';
export { isQueueName, JOB_MAP, QUEUE_NAMES, queuesFor } from './job-map';
export type { JobMap, JobName, QueueEvent, QueueName, ScheduledJobMap, ScheduledJobName, ScheduledQueueName } from './job-map';
export { SCHEDULED_JOBS, SCHEDULED_QUEUE_NAMES } from './job-map';
export { buildEvent, OutboxPublishError, OutboxPublisher, writeOutboxEvent } from './outbox/outbox-publisher';
export type { OutboxTx, PublishOptions } from './outbox/outbox-publisher';
export { MessagingQueues } from './outbox/messaging-queues';
export { ConsumerDeps, EventConsumer, EventConsumerRegistry, systemContext } from './consumer/event-consumer';
export type { ConsumerTx, DeliveryOutcome } from './consumer/event-consumer';
export { MessagingMetrics } from './consumer/messaging-metrics';
export {
  checkEvictionPolicy, EvictionPolicyStartupCheck, MessagingConnections, PRODUCER_REDIS_OPTIONS, WORKER_REDIS_OPTIONS,
} from './redis/redis-connections';
export type { EvictionCheck } from './redis/redis-connections';
