import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

import { IsCalendarDate, IsId, PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';

import { HOMEWORK_STATUSES, HOMEWORK_TYPES, type HomeworkType } from '../domain/homework.rules';
import type { HomeworkView } from '../domain/homework.view';

export class AssignHomeworkDto {
  @ApiProperty({ example: 'Thought Record Exercise', maxLength: 200 })
  @IsString({ message: 'title must be a string' })
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;

  @ApiProperty({ example: 'Complete a thought record for 3 situations this week', maxLength: 4000 })
  @IsString({ message: 'description must be a string' })
  @MinLength(1, { message: 'description must not be empty' })
  @MaxLength(4000, { message: 'description must be at most 4000 characters' })
  description!: string;

  @ApiProperty({ enum: HOMEWORK_TYPES })
  @IsIn(HOMEWORK_TYPES, { message: `homeworkType must be one of ${HOMEWORK_TYPES.join(', ')}` })
  homeworkType!: HomeworkType;

  @ApiProperty({ format: 'date', example: '2026-12-13', description: "Today or later, in the organization's calendar" })
  @IsCalendarDate('dueOn')
  dueOn!: string;
}

export class CompleteHomeworkDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000, description: 'A note for the therapist' })
  @IsOptional()
  @IsString({ message: 'note must be a string' })
  @MaxLength(4000, { message: 'note must be at most 4000 characters' })
  note?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'A worksheet uploaded first through `POST /api/v1/portal/files` (content type checked by its bytes); handing it in shares it with the therapist',
  })
  @IsOptional()
  @IsId()
  fileId?: string | null;
}

export class ReviewHomeworkDto {
  @ApiProperty({ maxLength: 4000, description: 'Feedback the client sees in the portal' })
  @IsString({ message: 'feedback must be a string' })
  @MinLength(1, { message: 'feedback must not be empty' })
  @MaxLength(4000, { message: 'feedback must be at most 4000 characters' })
  feedback!: string;
}

export class ListHomeworkQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: HOMEWORK_STATUSES })
  @IsOptional()
  @IsIn(HOMEWORK_STATUSES, { message: `status must be one of ${HOMEWORK_STATUSES.join(', ')}` })
  status?: string;
}

export class HomeworkResponseDto {
  @ApiProperty({ format: 'uuid' }) homeworkId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: HOMEWORK_TYPES }) homeworkType!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ enum: HOMEWORK_STATUSES }) status!: string;
  @ApiProperty({ description: 'Assigned and past its due day' }) overdue!: boolean;
  @ApiProperty({ format: 'uuid' }) assignedBy!: string;
  @ApiProperty({ format: 'date-time' }) assignedAt!: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) completionNote!: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: "The client's uploaded worksheet" })
  submissionFileId!: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) reviewedAt!: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) reviewedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) feedback!: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) cancelledAt!: string | null;
}

type _Homework = Assert<SameShape<HomeworkView, HomeworkResponseDto>>;
