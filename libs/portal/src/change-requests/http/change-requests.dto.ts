import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

import { IsId, PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';

import { CHANGE_REQUEST_STATUSES } from '../domain/change-request.rules';
import type { ChangeRequestView } from '../domain/change-request.view';

export class SubmitChangeRequestDto {
  @ApiProperty({ maxLength: 4000, description: 'Why the client wants another therapist; portal admins read it' })
  @IsString({ message: 'reason must be a string' })
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(4000, { message: 'reason must be at most 4000 characters' })
  reason!: string;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Hide the request from the current therapist (e.g. reporting abuse or a boundary issue); admins see it',
  })
  @IsOptional()
  @IsBoolean({ message: 'sensitive must be true or false' })
  sensitive?: boolean;
}

export class ApproveChangeRequestDto {
  @ApiProperty({ format: 'uuid', description: "The staff member who becomes the client's primary therapist from today" })
  @IsId()
  newTherapistId!: string;
}

export class DenyChangeRequestDto {
  @ApiProperty({ maxLength: 4000, description: 'Why the request is denied; the client reads it' })
  @IsString({ message: 'reason must be a string' })
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(4000, { message: 'reason must be at most 4000 characters' })
  reason!: string;
}

export class ListChangeRequestsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHANGE_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(CHANGE_REQUEST_STATUSES, { message: `status must be one of ${CHANGE_REQUEST_STATUSES.join(', ')}` })
  status?: string;
}

export class ChangeRequestResponseDto {
  @ApiProperty({ format: 'uuid' }) changeRequestId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'Hidden from the current therapist' }) sensitive!: boolean;
  @ApiProperty({ enum: CHANGE_REQUEST_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) reviewStartedAt!: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) decidedAt!: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: 'The therapist an approval assigned' })
  newTherapistId!: string | null;
  @ApiProperty({ type: String, nullable: true }) denialReason!: string | null;
}

type _ChangeRequest = Assert<SameShape<ChangeRequestView, ChangeRequestResponseDto>>;
