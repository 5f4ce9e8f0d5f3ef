import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

import { IsCalendarDate, type Assert, type SameShape } from '@cairn/platform/http';

import { GOAL_STATUSES, type GoalStatus } from '../domain/goal.rules';
import type { GoalDetailView, GoalProgressView, GoalView } from '../domain/goal.view';

export class CreateGoalDto {
  @ApiProperty({ example: 'Sleep 7 hours on most nights', maxLength: 200 })
  @IsString({ message: 'title must be a string' })
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000 })
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  @MaxLength(4000, { message: 'description must be at most 4000 characters' })
  description?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2027-03-01' })
  @IsOptional()
  @IsCalendarDate('targetDate')
  targetDate?: string | null;
}

export class RecordGoalProgressDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 40 })
  @IsInt({ message: 'progress must be an integer' })
  @Min(0, { message: 'progress must be between 0 and 100' })
  @Max(100, { message: 'progress must be between 0 and 100' })
  progress!: number;

  @ApiPropertyOptional({ enum: GOAL_STATUSES, default: 'active', description: 'achieved needs progress 100' })
  @IsOptional()
  @IsIn(GOAL_STATUSES, { message: `status must be one of ${GOAL_STATUSES.join(', ')}` })
  status?: GoalStatus;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString({ message: 'note must be a string' })
  @MaxLength(2000, { message: 'note must be at most 2000 characters' })
  note?: string | null;
}

export class GoalResponseDto {
  @ApiProperty({ format: 'uuid' }) goalId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) targetDate!: string | null;
  @ApiProperty({ enum: GOAL_STATUSES }) status!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ enum: ['client', 'staff'] }) createdByKind!: string;
  @ApiProperty({ format: 'uuid', description: 'The portal account (client) or the staff user' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class GoalProgressResponseDto {
  @ApiProperty({ format: 'uuid' }) progressId!: string;
  @ApiProperty() progress!: number;
  @ApiProperty({ enum: GOAL_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ enum: ['client', 'staff'] }) authorKind!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class GoalDetailResponseDto extends GoalResponseDto {
  @ApiProperty({ type: [GoalProgressResponseDto], description: 'Newest first' }) history!: GoalProgressResponseDto[];
}

export class GoalListResponseDto {
  @ApiProperty({ type: [GoalResponseDto], description: 'Active goals first, then the newest' }) items!: GoalResponseDto[];
}

type _Goal = Assert<SameShape<GoalView, GoalResponseDto>>;
type _Progress = Assert<SameShape<GoalProgressView, GoalProgressResponseDto>>;
type _Detail = Assert<SameShape<GoalDetailView, GoalDetailResponseDto>>;
