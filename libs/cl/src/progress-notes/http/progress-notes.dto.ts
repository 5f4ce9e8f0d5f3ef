import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';

import { IsId, type Assert, type SameShape } from '@cairn/platform/http';

import type { ProgressNoteView } from '../domain/progress-note.view';

const TIMESTAMP = { strict: true, strictSeparator: true } as const;

export class CreateProgressNoteDto {
  @ApiProperty({ format: 'uuid' }) @IsId() patientId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The PM appointment of the session (one note per appointment)' })
  @IsOptional()
  @IsId()
  appointmentId?: string;
  @ApiProperty({ format: 'date-time' })
  @IsISO8601(TIMESTAMP, { message: 'sessionStart must be an ISO 8601 date-time' })
  sessionStart!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601(TIMESTAMP, { message: 'sessionEnd must be an ISO 8601 date-time' }) sessionEnd!: string;
  @ApiProperty({ maxLength: 20000 }) @IsString() @Length(1, 20000) body!: string;
}

export class EditProgressNoteDto {
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601(TIMESTAMP, { message: 'sessionStart must be an ISO 8601 date-time' })
  sessionStart?: string;
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601(TIMESTAMP, { message: 'sessionEnd must be an ISO 8601 date-time' })
  sessionEnd?: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @Length(1, 20000) body?: string;
}

export class AddAddendumDto {
  @ApiProperty({ maxLength: 20000 }) @IsString() @Length(1, 20000) body!: string;
}

class AddendumViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ProgressNoteResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) appointmentId!: string | null;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ format: 'date-time' }) sessionStart!: string;
  @ApiProperty({ format: 'date-time' }) sessionEnd!: string;
  @ApiProperty({ enum: ['draft', 'signed'] }) status!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) signedAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) signedBy!: string | null;
  @ApiProperty({ type: [AddendumViewDto] }) addenda!: AddendumViewDto[];
  @ApiProperty({ nullable: true, type: String, description: 'The 42 CFR §2.32 notice, on notes of a Part 2 chart' }) part2Notice!:
    string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _ProgressNote = Assert<SameShape<ProgressNoteView, ProgressNoteResponseDto>>;
