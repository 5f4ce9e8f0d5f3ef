import { ApiProperty } from '@nestjs/swagger';

import { PageQueryDto, type Assert, type Page, type SameShape } from '@cairn/platform/http';

import { EVENT_TYPES } from '../event-types';
import { QUEUE_NAMES } from '../job-map';
import type { RetriedEvent } from './commands/retry-failed-event/retry-failed-event.command';
import type { FailedEventView } from './failed-event.view';
import type { FailedEventPage } from './queries/list-failed-events/list-failed-events.query';

export class ListFailedEventsDto extends PageQueryDto {}

export class FailedEventDto {
  @ApiProperty({ format: 'uuid', description: 'The event id (also its BullMQ job id)' }) id!: string;
  @ApiProperty({ enum: QUEUE_NAMES }) queue!: string;
  @ApiProperty({ enum: EVENT_TYPES, description: 'Versioned event name (the job name)' }) eventType!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) failedAt!: string | null;
  @ApiProperty({ description: 'Attempts made before the job was moved to the failed set' }) attemptsMade!: number;
  @ApiProperty({ description: 'Message of the last error' }) failedReason!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event payload: ids and facts, never entities' })
  payload!: unknown;
}

export class RetriedEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: QUEUE_NAMES, isArray: true, description: 'Queues whose failed job went back to waiting' }) queues!: string[];
  @ApiProperty({ enum: ['waiting'] }) state!: 'waiting';
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _FailedEvent = Assert<SameShape<FailedEventView, FailedEventDto>>;
type _FailedEventPage = Assert<SameShape<FailedEventPage, Page<FailedEventDto>>>;
type _RetriedEvent = Assert<SameShape<RetriedEvent, RetriedEventDto>>;
