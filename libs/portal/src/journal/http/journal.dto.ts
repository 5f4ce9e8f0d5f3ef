import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';

import type { Assert, SameShape } from '@cairn/platform/http';

import type { JournalEntryView } from '../domain/journal-entry.view';

export class WriteJournalEntryDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiProperty({ minLength: 1, maxLength: 20000 })
  @IsString()
  @Length(1, 20000)
  body!: string;

  @ApiPropertyOptional({ default: false, description: 'Private unless true' })
  @IsOptional()
  @IsBoolean()
  sharedWithClinician?: boolean;
}

export class JournalEntryResponseDto {
  @ApiProperty({ format: 'uuid' }) journalEntryId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty() sharedWithClinician!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class JournalEntryPageDto {
  @ApiProperty({ type: [JournalEntryResponseDto] }) items!: JournalEntryResponseDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

type _Journal = Assert<SameShape<JournalEntryView, JournalEntryResponseDto>>;

export class SetJournalSharingDto {
  @ApiProperty()
  @IsBoolean()
  sharedWithClinician!: boolean;
}
