import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

import { IsCalendarDate, IsId, PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';

import {
  MAX_DURATION_MINUTES,
  MAX_REPORT_MONTHS,
  MIN_DURATION_MINUTES,
  SUPERVISION_MODALITIES,
  SupervisionModality,
  YEAR_MONTH,
  type SupervisionReport,
} from '../domain/peer-supervision.rules';
import type { PeerSupervisionSummaryView, PeerSupervisionView } from '../domain/peer-supervision.view';

const MODALITIES = SUPERVISION_MODALITIES as unknown as string[];
const MODALITY_MESSAGE = (field: string) => `${field} must be one of ${SUPERVISION_MODALITIES.join(', ')}`;
const DURATION = `${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES}`;

export class RecordPeerSupervisionDto {
  @ApiProperty({ format: 'uuid', description: 'The supervised peer specialist (an active peer_specialist of the organization, not you)' })
  @IsId()
  peerProviderId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A staff member with a supervising role; defaults to you when you hold one' })
  @IsOptional()
  @IsId()
  supervisorId?: string;
  @ApiProperty({
    format: 'date',
    example: '2025-11-04',
    description: "The day of the supervision; not after today in the organization's time zone, not before 1990-01-01",
  })
  @IsCalendarDate('supervisionDate')
  supervisionDate!: string;
  @ApiProperty({ minimum: MIN_DURATION_MINUTES, maximum: MAX_DURATION_MINUTES, example: 60 })
  @IsInt({ message: 'durationMinutes must be a whole number of minutes' })
  @Min(MIN_DURATION_MINUTES, { message: `durationMinutes must be ${DURATION}` })
  @Max(MAX_DURATION_MINUTES, { message: `durationMinutes must be ${DURATION}` })
  durationMinutes!: number;
  @ApiProperty({ enum: SUPERVISION_MODALITIES })
  @IsIn(MODALITIES, { message: MODALITY_MESSAGE('modality') })
  modality!: SupervisionModality;
  @ApiPropertyOptional({ maxLength: 20000, description: 'Supervision notes (PHI: audited on read, never logged)' })
  @IsOptional()
  @IsString({ message: 'notes must be text' })
  @MaxLength(20000, { message: 'notes must be at most 20000 characters' })
  notes?: string;
}

export class EditPeerSupervisionDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsId() peerProviderId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsId() supervisorId?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate('supervisionDate') supervisionDate?: string;
  @ApiPropertyOptional({ minimum: MIN_DURATION_MINUTES, maximum: MAX_DURATION_MINUTES })
  @IsOptional()
  @IsInt({ message: 'durationMinutes must be a whole number of minutes' })
  @Min(MIN_DURATION_MINUTES, { message: `durationMinutes must be ${DURATION}` })
  @Max(MAX_DURATION_MINUTES, { message: `durationMinutes must be ${DURATION}` })
  durationMinutes?: number;
  @ApiPropertyOptional({ enum: SUPERVISION_MODALITIES })
  @IsOptional()
  @IsIn(MODALITIES, { message: MODALITY_MESSAGE('modality') })
  modality?: SupervisionModality;
  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString({ message: 'notes must be text' })
  @MaxLength(20000, { message: 'notes must be at most 20000 characters' })
  notes?: string;
}

export class ListPeerSupervisionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsId() peerProviderId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsId() supervisorId?: string;
  @ApiPropertyOptional({ format: 'date', description: 'On or after this date' }) @IsOptional() @IsCalendarDate('from') from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'On or before this date' }) @IsOptional() @IsCalendarDate('to') to?: string;
  @ApiPropertyOptional({ enum: SUPERVISION_MODALITIES })
  @IsOptional()
  @IsIn(MODALITIES, { message: MODALITY_MESSAGE('modality') })
  modality?: SupervisionModality;
}

export class PeerSupervisionReportQueryDto {
  @ApiProperty({ example: '2025-01', description: 'First month (YYYY-MM, inclusive)' })
  @IsString({ message: 'from must be a month (YYYY-MM)' })
  @Matches(YEAR_MONTH, { message: 'from must be a month (YYYY-MM)' })
  from!: string;
  @ApiProperty({
    example: '2025-12',
    description: `Last month (YYYY-MM, inclusive), not before from, at most ${MAX_REPORT_MONTHS} months in all`,
  })
  @IsString({ message: 'to must be a month (YYYY-MM)' })
  @Matches(YEAR_MONTH, { message: 'to must be a month (YYYY-MM)' })
  to!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this peer specialist' })
  @IsOptional()
  @IsId()
  peerProviderId?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv streams the rows as text/csv (so does Accept: text/csv)' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

export class PeerSupervisionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) peerProviderId!: string;
  @ApiProperty({ format: 'uuid' }) supervisorId!: string;
  @ApiProperty({ format: 'date' }) supervisionDate!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ description: 'durationMinutes as decimal hours (two places)' }) hours!: number;
  @ApiProperty({ enum: SUPERVISION_MODALITIES }) modality!: string;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Its recorder may correct it until then' }) editableUntil!: string;
}

export class PeerSupervisionResponseDto extends PeerSupervisionSummaryDto {
  @ApiProperty({ description: 'Supervision notes (PHI)' }) notes!: string;
}

export class ModalityHoursDto {
  @ApiProperty() sessionCount!: number;
  @ApiProperty() hours!: number;
}

export class ModalityBreakdownDto {
  @ApiProperty({ type: ModalityHoursDto }) individual!: ModalityHoursDto;
  @ApiProperty({ type: ModalityHoursDto }) group!: ModalityHoursDto;
  @ApiProperty({ type: ModalityHoursDto }) telehealth!: ModalityHoursDto;
  @ApiProperty({ type: ModalityHoursDto }) phone!: ModalityHoursDto;
}

export class SupervisionReportRowDto {
  @ApiProperty({ format: 'uuid' }) peerProviderId!: string;
  @ApiProperty({ nullable: true, type: String }) peerName!: string | null;
  @ApiProperty({ example: '2025-11' }) month!: string;
  @ApiProperty({ description: '0 for a month without supervision' }) sessionCount!: number;
  @ApiProperty() minutes!: number;
  @ApiProperty({ description: 'Decimal hours, two places' }) hours!: number;
  @ApiProperty({ type: ModalityBreakdownDto }) byModality!: ModalityBreakdownDto;
}

export class SupervisionPeerTotalDto {
  @ApiProperty({ format: 'uuid' }) peerProviderId!: string;
  @ApiProperty({ nullable: true, type: String }) peerName!: string | null;
  @ApiProperty() sessionCount!: number;
  @ApiProperty() minutes!: number;
  @ApiProperty() hours!: number;
  @ApiProperty({ type: [String], example: ['2025-03'], description: 'Months of the period with no supervision' })
  monthsWithoutSupervision!: string[];
}

export class PeerSupervisionReportDto {
  @ApiProperty({ example: '2025-01' }) from!: string;
  @ApiProperty({ example: '2025-12' }) to!: string;
  @ApiProperty({ type: [String] }) months!: string[];
  @ApiProperty({ type: [SupervisionReportRowDto], description: 'One row per peer per month, by peer name then month' })
  items!: SupervisionReportRowDto[];
  @ApiProperty({ type: [SupervisionPeerTotalDto], description: 'Per peer totals for the period' }) peers!: SupervisionPeerTotalDto[];
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _PeerSupervisionSummary = Assert<SameShape<PeerSupervisionSummaryView, PeerSupervisionSummaryDto>>;
type _PeerSupervision = Assert<SameShape<PeerSupervisionView, PeerSupervisionResponseDto>>;
type _PeerSupervisionReport = Assert<SameShape<SupervisionReport, PeerSupervisionReportDto>>;
