import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import { IsId, PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';

import { FEEDBACK_MAX, SESSION_REVIEW_STATUSES } from '../domain/session-review.rules';
import type { ReviewOversightView, SessionReviewView } from '../domain/session-review.view';

const toIntOrSame = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export class SubmitSessionReviewDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 })
  @IsInt({ message: 'rating must be a whole number from 1 to 5' })
  @Min(1, { message: 'rating must be a whole number from 1 to 5' })
  @Max(5, { message: 'rating must be a whole number from 1 to 5' })
  rating!: number;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: FEEDBACK_MAX })
  @IsOptional()
  @IsString({ message: 'feedback must be a string' })
  @MaxLength(FEEDBACK_MAX, { message: `feedback must be at most ${FEEDBACK_MAX} characters` })
  feedback?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Share with the therapist (default not shared, seed §6)' })
  @IsOptional()
  @IsBoolean({ message: 'sharedWithClinician must be a boolean' })
  sharedWithClinician?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Anonymous: only portal admins see it, without your name' })
  @IsOptional()
  @IsBoolean({ message: 'anonymous must be a boolean' })
  anonymous?: boolean;
}

export class ListSessionReviewsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SESSION_REVIEW_STATUSES })
  @IsOptional()
  @IsIn(SESSION_REVIEW_STATUSES, { message: `status must be one of ${SESSION_REVIEW_STATUSES.join(', ')}` })
  status?: string;
}

export class ListReviewOversightQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'Only this rating' })
  @IsOptional()
  @Transform(toIntOrSame)
  @IsInt({ message: 'rating must be a whole number from 1 to 5' })
  @Min(1, { message: 'rating must be a whole number from 1 to 5' })
  @Max(5, { message: 'rating must be a whole number from 1 to 5' })
  rating?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'Only ratings at most this (e.g. 3: the low ratings)' })
  @IsOptional()
  @Transform(toIntOrSame)
  @IsInt({ message: 'maxRating must be a whole number from 1 to 5' })
  @Min(1, { message: 'maxRating must be a whole number from 1 to 5' })
  @Max(5, { message: 'maxRating must be a whole number from 1 to 5' })
  maxRating?: number;

  @ApiPropertyOptional({ format: 'uuid', description: "The appointment's provider" })
  @IsOptional()
  @IsId()
  clinicianId?: string;
}

export class SessionReviewResponseDto {
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ format: 'date-time' }) appointmentStartAt!: string;
  @ApiProperty({ format: 'uuid' }) clinicianId!: string;
  @ApiProperty({ enum: SESSION_REVIEW_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) promptedAt!: string;
  @ApiProperty({ type: Number, nullable: true }) rating!: number | null;
  @ApiProperty({ type: String, nullable: true }) feedback!: string | null;
  @ApiProperty() sharedWithClinician!: boolean;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) submittedAt!: string | null;
}

export class ReviewOversightResponseDto {
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: 'Null for an anonymous review' }) patientId!: string | null;
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ format: 'date-time' }) appointmentStartAt!: string;
  @ApiProperty({ format: 'uuid' }) clinicianId!: string;
  @ApiProperty() rating!: number;
  @ApiProperty({ type: String, nullable: true }) feedback!: string | null;
  @ApiProperty() sharedWithClinician!: boolean;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
}

type _Review = Assert<SameShape<SessionReviewView, SessionReviewResponseDto>>;
type _Oversight = Assert<SameShape<ReviewOversightView, ReviewOversightResponseDto>>;
