import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

import { IsId, type Assert, type SameShape } from '@cairn/platform/http';

import { MAX_TOPICS, TEXT_MAX, TOPIC_MAX } from '../domain/session-prep.rules';
import type { PrepMoodPoint, SessionPrepView } from '../domain/session-prep.view';

export class SubmitSessionPrepDto {
  @ApiProperty({ format: 'uuid', description: 'An upcoming, booked appointment of yours (GET /api/v1/portal/appointments/upcoming)' })
  @IsId()
  appointmentId!: string;

  @ApiProperty({ type: [String], maxItems: MAX_TOPICS, example: ['Sleep since the new job', 'My sister visiting'] })
  @IsArray({ message: 'topics must be a list of strings' })
  @ArrayMaxSize(MAX_TOPICS, { message: `topics must have at most ${MAX_TOPICS} entries` })
  @IsString({ each: true, message: 'each topic must be a string' })
  @MinLength(1, { each: true, message: 'a topic must not be empty' })
  @MaxLength(TOPIC_MAX, { each: true, message: `a topic must be at most ${TOPIC_MAX} characters` })
  topics!: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: TEXT_MAX })
  @IsOptional()
  @IsString({ message: 'recentFeelings must be a string' })
  @MaxLength(TEXT_MAX, { message: `recentFeelings must be at most ${TEXT_MAX} characters` })
  recentFeelings?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: TEXT_MAX, description: 'Raises a notification to your therapist' })
  @IsOptional()
  @IsString({ message: 'urgentConcern must be a string' })
  @MinLength(1, { message: 'urgentConcern must not be empty (leave it out instead)' })
  @MaxLength(TEXT_MAX, { message: `urgentConcern must be at most ${TEXT_MAX} characters` })
  urgentConcern?: string | null;
}

export class SessionPrepResponseDto {
  @ApiProperty({ format: 'uuid' }) prepId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ format: 'date-time' }) appointmentStartAt!: string;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ type: String, nullable: true }) recentFeelings!: string | null;
  @ApiProperty({ type: String, nullable: true }) urgentConcern!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class PrepMoodPointDto {
  @ApiProperty({ format: 'date' }) entryDate!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ type: [String] }) symptoms!: string[];
}

export class SessionPrepBriefResponseDto {
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ type: SessionPrepResponseDto, nullable: true }) prep!: SessionPrepResponseDto | null;
  @ApiProperty({ type: [PrepMoodPointDto], description: 'Shared mood check-ins of the last 14 days, newest first' })
  recentMood!: PrepMoodPointDto[];
  @ApiProperty({ type: Number, nullable: true }) averageMood!: number | null;
  @ApiProperty({ type: Object, nullable: true, description: 'Homework status (as the portal-activity section `homework`)' })
  homework!: object | null;
}

type _Prep = Assert<SameShape<SessionPrepView, SessionPrepResponseDto>>;
type _Mood = Assert<SameShape<PrepMoodPoint, PrepMoodPointDto>>;
