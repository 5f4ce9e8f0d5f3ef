import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import type { Assert, SameShape } from '@cairn/platform/http';

import type { MoodEntryView, MoodTrendView } from '../domain/mood-entry.view';
import { MOOD_SYMPTOMS } from '../domain/mood.rules';

export class LogMoodEntryDto {
  @ApiProperty({ minimum: 1, maximum: 10, example: 3 })
  @IsInt({ message: 'score must be a whole number from 1 to 10' })
  @Min(1)
  @Max(10)
  score!: number;

  @ApiProperty({ type: [String], enum: MOOD_SYMPTOMS, example: ['ANXIETY', 'INSOMNIA'] })
  @IsArray()
  @ArrayMaxSize(MOOD_SYMPTOMS.length)
  @IsIn(MOOD_SYMPTOMS, { each: true, message: `symptoms must each be one of ${MOOD_SYMPTOMS.join(', ')}` })
  symptoms!: string[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  sharedWithClinician?: boolean;
}

export class SetSharingDto {
  @ApiProperty()
  @IsBoolean()
  sharedWithClinician!: boolean;
}

export class MoodEntryResponseDto {
  @ApiProperty({ format: 'uuid' }) moodEntryId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'date' }) entryDate!: string;
  @ApiProperty({ minimum: 1, maximum: 10 }) score!: number;
  @ApiProperty({ type: [String], enum: MOOD_SYMPTOMS }) symptoms!: string[];
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() sharedWithClinician!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class MoodEntryPageDto {
  @ApiProperty({ type: [MoodEntryResponseDto] }) items!: MoodEntryResponseDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

class MoodDayDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() averageScore!: number;
  @ApiProperty() entries!: number;
}

class SymptomCountDto {
  @ApiProperty() symptom!: string;
  @ApiProperty() count!: number;
}

class SessionDayDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() attended!: boolean;
  @ApiProperty() status!: string;
}

class AttendanceCorrelationDto {
  @ApiProperty() attendedSessions!: number;
  @ApiProperty() missedSessions!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean score on the day of an attended session and the 3 days after' })
  averageAfterAttended!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The same after a no-show or late cancellation' })
  averageAfterMissed!: number | null;
  @ApiProperty({ nullable: true, type: Number }) averageOtherDays!: number | null;
  @ApiProperty({ type: [SessionDayDto] }) sessions!: SessionDayDto[];
}

export class MoodTrendResponseDto {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty() entries!: number;
  @ApiProperty({ nullable: true, type: Number }) averageScore!: number | null;
  @ApiProperty({ nullable: true, type: Number }) latestScore!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: "Second half's mean minus the first half's (negative: mood dropped)" })
  change!: number | null;
  @ApiProperty({ type: [MoodDayDto] }) days!: MoodDayDto[];
  @ApiProperty({ type: [SymptomCountDto] }) topSymptoms!: SymptomCountDto[];
  @ApiProperty({ type: AttendanceCorrelationDto, nullable: true, description: "The clinician's route only" })
  attendance!: AttendanceCorrelationDto | null;
}

type _Entry = Assert<SameShape<MoodEntryView, MoodEntryResponseDto>>;
type _Trend = Assert<SameShape<MoodTrendView, MoodTrendResponseDto>>;
