import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

import { IsId, type Assert, type SameShape } from '@cairn/platform/http';

import { SUMMARY_MAX, type SessionSummaryView } from '../domain/session-summary.view';

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

type _Summary = Assert<SameShape<SessionSummaryView, SessionSummaryResponseDto>>;
