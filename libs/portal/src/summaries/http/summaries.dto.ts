import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';

import { IsId, type Assert, type SameShape } from '@cairn/platform/http';

import { SUMMARY_MAX, type SessionSummaryView } from '../domain/session-summary.view';
import {
  SHAREABLE_DAYS_DEFAULT,
  SHAREABLE_DAYS_MAX,
  type ShareableSessionsView,
  type ShareableSessionView,
} from '../domain/shareable-session.view';

export class ShareSessionSummaryDto {
  @ApiProperty({ format: 'uuid', description: 'A completed appointment of the client' })
  @IsId()
  appointmentId!: string;

  @ApiProperty({ maxLength: SUMMARY_MAX, description: 'What the client reads in the portal and downloads as a PDF' })
  @IsString({ message: 'summary must be a string' })
  @MinLength(1, { message: 'summary must not be empty' })
  @MaxLength(SUMMARY_MAX, { message: `summary must be at most ${SUMMARY_MAX} characters` })
  summary!: string;
}

export class SessionSummaryResponseDto {
  @ApiProperty({ format: 'uuid' }) summaryId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ format: 'date-time' }) appointmentStartAt!: string;
  @ApiProperty({ type: String, nullable: true }) clinicianName!: string | null;
  @ApiProperty() summary!: string;
  @ApiProperty({ format: 'uuid' }) sharedBy!: string;
  @ApiProperty({ format: 'date-time' }) sharedAt!: string;
}

const DAYS = `days must be a whole number from 1 to ${SHAREABLE_DAYS_MAX}`;

export class ShareableSessionsQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: SHAREABLE_DAYS_MAX,
    default: SHAREABLE_DAYS_DEFAULT,
    description: 'How many days back to look for held sessions (the period ends now)',
  })
  @IsOptional()
  @Type(() => Number)
  @ValidateBy(
    // One check, so `?days=abc` is one sentence rather than three (not an integer, below 1, above the maximum).
    {
      name: 'isDays',
      validator: { validate: (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= SHAREABLE_DAYS_MAX },
    },
    { message: DAYS },
  )
  days?: number;
}

export class ShareableSessionDto implements ShareableSessionView {
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ format: 'date-time' }) startAt!: string;
  @ApiProperty({ format: 'date-time' }) endAt!: string;
  @ApiProperty({ description: 'The appointment status the share rule accepts (completed)' }) status!: string;
  @ApiProperty() serviceType!: string;
  @ApiProperty({ format: 'uuid' }) clinicianId!: string;
  @ApiProperty({ type: String, nullable: true }) clinicianName!: string | null;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty() siteName!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The summary already shared for this session, if any' })
  summaryId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) summarySharedAt!: string | null;
}

export class ShareableSessionsResponseDto implements ShareableSessionsView {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ minimum: 1, maximum: SHAREABLE_DAYS_MAX }) days!: number;
  @ApiProperty({ format: 'date-time', description: 'Start of the period looked at; it ends now' }) from!: string;
  @ApiProperty({ type: [ShareableSessionDto], description: 'Held sessions, newest first' }) sessions!: ShareableSessionDto[];
}

type _Summary = Assert<SameShape<SessionSummaryView, SessionSummaryResponseDto>>;
type _Session = Assert<SameShape<ShareableSessionView, ShareableSessionDto>>;
type _Sessions = Assert<SameShape<ShareableSessionsView, ShareableSessionsResponseDto>>;
