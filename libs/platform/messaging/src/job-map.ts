import {
  CL_GROUP_ENCOUNTER_GENERATION_REOPENED_V1,
  CL_GROUP_ENCOUNTERS_APPROVED_V1,
  CL_GROUP_SESSION_DOCUMENTED_V1,
  CL_PROGRESS_NOTE_SIGNED_V1,
  PEER_ENCOUNTER_FINALIZED_V1,
} from '@cairn/platform/clinical';
import { PORTAL_INVITATION_CREATED_V1 } from '@cairn/platform/portal';
import {
  PM_APPOINTMENT_BOOKED_V1,
  PM_APPOINTMENT_RESCHEDULED_V1,
  PM_APPOINTMENT_STATUS_CHANGED_V1,
  PM_CHARGE_CREATED_V1,
  PM_CHARGE_STATUS_CHANGED_V1,
} from '@cairn/platform/scheduling';

import type { EventPayloads, EventType, IntegrationEvent } from './event-types';

/**
 * The one typed job map (CONVENTIONS §8, after Immich): each BullMQ queue with the job names it carries. A job's
 * name is the versioned event name and its data the event envelope, so a producer and a processor cannot
 * disagree about a payload. The relay routes an event to every queue listing its name.
 *
 * A queue is listed here only once a consumer (an EventConsumer of that queue) exists: a queue nobody reads
 * fills Redis with jobs that never finish (so `removeOnComplete` never frees them), in memory that must not be
 * evicted. An event without a consumer is listed in EVENTS_WITHOUT_CONSUMER instead.
 */
export const JOB_MAP = {
  'encounter-generation': [CL_GROUP_SESSION_DOCUMENTED_V1],
  'charge-creation': [CL_GROUP_ENCOUNTERS_APPROVED_V1, PEER_ENCOUNTER_FINALIZED_V1],
  // Dashboards' real-time update model (ADR 0017): every event a SIGNAL_METRICS entry names in `events`.
  'dashboards-metrics': [
    PM_APPOINTMENT_BOOKED_V1,
    PM_APPOINTMENT_RESCHEDULED_V1,
    PM_APPOINTMENT_STATUS_CHANGED_V1,
    PM_CHARGE_CREATED_V1,
    CL_PROGRESS_NOTE_SIGNED_V1,
    CL_GROUP_SESSION_DOCUMENTED_V1,
    CL_GROUP_ENCOUNTERS_APPROVED_V1,
    PEER_ENCOUNTER_FINALIZED_V1,
  ],
  // The portal's session-review prompts (issue 19, scenario 4): a completed appointment schedules its prompt.
  'portal-session-reviews': [PM_APPOINTMENT_STATUS_CHANGED_V1],
} as const satisfies Record<string, readonly EventType[]>;

/**
 * Events published (in the transaction of their state change) that no context consumes yet. The relay finds no
 * queue for them and parks them in the outbox once (`last_error` 'no queue takes this event type', never claimed
 * again): they are kept, unsent, in PostgreSQL rather than piling up in Redis, and counted by
 * `cairn_outbox_waiting_events{type}`, not in the outbox lag. The deploy that adds the first consumer moves the
 * event into a queue of JOB_MAP; its relay makes the parked rows due again at start and sends them, oldest first.
 */
export const EVENTS_WITHOUT_CONSUMER = [
  // PM-07 charge lifecycle transitions (ADR 0011); claims are the expected readers.
  PM_CHARGE_STATUS_CHANGED_V1,
  // CL-14-EN-01 reopened review decisions (ADR 0011); audit dashboards are the expected readers.
  CL_GROUP_ENCOUNTER_GENERATION_REOPENED_V1,
  // Portal invitations; a mailer is the expected reader (not built yet: staff hand the returned link over meanwhile).
  PORTAL_INVITATION_CREATED_V1,
] as const satisfies readonly EventType[];

export type QueueName = keyof typeof JOB_MAP;
export const QUEUE_NAMES = Object.keys(JOB_MAP) as QueueName[];

/** The job names (event types) a queue carries. */
export type JobName<Q extends QueueName> = (typeof JOB_MAP)[Q][number];

/** queue name -> job name -> payload type. */
export type JobMap = { [Q in QueueName]: { [N in JobName<Q>]: EventPayloads[N] } };

/** The events a consumer of queue Q receives: a union discriminated by `type`. */
export type QueueEvent<Q extends QueueName> = { [N in JobName<Q>]: IntegrationEvent<N> }[JobName<Q>];

/** The queues an event goes to (empty for a type no queue takes). */
export function queuesFor(type: string): QueueName[] {
  return QUEUE_NAMES.filter((q) => (JOB_MAP[q] as readonly string[]).includes(type));
}

export function isQueueName(name: string): name is QueueName {
  return (QUEUE_NAMES as string[]).includes(name);
}

/**
 * Scheduled jobs: queues the worker fills itself on a timer (a BullMQ job scheduler, or a delayed job), not from
 * integration events, so they stay out of JOB_MAP (the relay, the failed-events API and the consumer base never see them).
 * Queue name -> job name -> payload.
 */
export interface ScheduledJobMap {
  /** Appends a signed checkpoint of every audit chain's head (platform/audit, ADR 0009). */
  'audit-checkpoint': { 'audit-checkpoint.publish': Record<string, never> };
  /** Recomputes dashboards' near-real-time sources (every DASHBOARDS_NEAR_REAL_TIME_SECONDS) and every source nightly (ADR 0017). */
  'dashboards-refresh': { 'dashboards-refresh.run': { model: 'near-real-time' | 'batch' } };
  /**
   * Delayed, not repeating: one job per completed appointment, added by the portal's session-reviews consumer to
   * run PORTAL_SESSION_REVIEW_DELAY_SECONDS after the completion; it prompts the client for a review (scenario 4).
   */
  'portal-session-review-prompts': {
    'portal-session-review-prompts.prompt': {
      organizationId: string;
      appointmentId: string;
      patientId: string;
      clinicianId: string;
      /** ISO 8601 */
      startAt: string;
    };
  };
}
export type ScheduledQueueName = keyof ScheduledJobMap;
export type ScheduledJobName<Q extends ScheduledQueueName> = keyof ScheduledJobMap[Q] & string;

/** The one job name of each scheduled queue. */
export const SCHEDULED_JOBS: { [Q in ScheduledQueueName]: ScheduledJobName<Q> } = {
  'audit-checkpoint': 'audit-checkpoint.publish',
  'dashboards-refresh': 'dashboards-refresh.run',
  'portal-session-review-prompts': 'portal-session-review-prompts.prompt',
};
export const SCHEDULED_QUEUE_NAMES = Object.keys(SCHEDULED_JOBS) as ScheduledQueueName[];
