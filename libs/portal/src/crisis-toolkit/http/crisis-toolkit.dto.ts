import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

import { IsJsonObject, PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';

import type { CrisisAlertView, CrisisContact, CrisisLine, CrisisToolkitUsageView, CrisisToolkitView } from '../domain/crisis-toolkit.view';

export class CrisisContactDto {
  @ApiProperty({ example: 'Sam (sister)' })
  @IsString({ message: 'name must be a string' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: '+1 520 555 0100' })
  @IsString({ message: 'phone must be a string' })
  @Matches(/^\+?[0-9][0-9 ().-]{1,30}$/, { message: 'phone must be a phone number (digits, spaces, + ( ) . -)' })
  phone!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'sister' })
  @IsOptional()
  @IsString({ message: 'relationship must be a string' })
  @MaxLength(60)
  relationship?: string | null;
}

export class UpdateCrisisToolkitDto {
  @ApiProperty({ type: [String], description: 'In order; 1 to 20 steps of at most 500 characters' })
  @IsArray({ message: 'copingSteps must be an array' })
  @ArrayMaxSize(20, { message: 'copingSteps must have at most 20 steps' })
  @IsString({ each: true, message: 'copingSteps must be strings' })
  @MinLength(1, { each: true, message: 'copingSteps must not be empty' })
  @MaxLength(500, { each: true, message: 'copingSteps must be at most 500 characters each' })
  copingSteps!: string[];

  @ApiProperty({
    type: [CrisisContactDto],
    description: 'Personal contacts (the 988 Lifeline is always shown first and is not one of them)',
  })
  @IsArray({ message: 'contacts must be an array' })
  @ArrayMaxSize(10, { message: 'contacts must have at most 10 entries' })
  @IsJsonObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CrisisContactDto)
  contacts!: CrisisContactDto[];
}

export class ListCrisisAlertsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'Only episodes with an open within the last 7 days' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'liveOnly must be true or false' })
  liveOnly?: boolean;
}

export class CrisisLineDto {
  @ApiProperty() name!: string;
  @ApiProperty() phone!: string;
  @ApiProperty() text!: string;
  @ApiProperty() url!: string;
  @ApiProperty() description!: string;
}

export class CrisisContactResponseDto {
  @ApiProperty() name!: string;
  @ApiProperty() phone!: string;
  @ApiProperty({ type: String, nullable: true }) relationship!: string | null;
}

export class CrisisToolkitResponseDto {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ type: [CrisisLineDto], description: 'The 988 Suicide & Crisis Lifeline, always first' }) crisisLines!: CrisisLineDto[];
  @ApiProperty({ type: [String] }) copingSteps!: string[];
  @ApiProperty({ type: [CrisisContactResponseDto] }) contacts!: CrisisContactResponseDto[];
  @ApiProperty({ description: 'false: the defaults, never customised' }) customised!: boolean;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) updatedAt!: string | null;
}

export class CrisisAlertResponseDto {
  @ApiProperty({ format: 'uuid' }) alertId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'date-time', description: 'The first open of the episode' }) firstOpenAt!: string;
  @ApiProperty({ format: 'date-time', description: 'The third open within 7 days' }) raisedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastOpenAt!: string;
  @ApiProperty() openCount!: number;
  @ApiProperty({ description: 'Live until 7 days pass without an open' }) live!: boolean;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) acknowledgedAt!: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) acknowledgedBy!: string | null;
}

export class CrisisToolkitOpenDto {
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: 'The alert episode it counted in' }) alertId!: string | null;
}

export class CrisisToolkitUsageResponseDto {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ type: [CrisisToolkitOpenDto], description: 'Last 90 days, newest first' }) opens!: CrisisToolkitOpenDto[];
  @ApiProperty({ type: [CrisisAlertResponseDto] }) alerts!: CrisisAlertResponseDto[];
}

type _Line = Assert<SameShape<CrisisLine, CrisisLineDto>>;
type _Contact = Assert<SameShape<CrisisContact, CrisisContactResponseDto>>;
type _Toolkit = Assert<SameShape<CrisisToolkitView, CrisisToolkitResponseDto>>;
type _Alert = Assert<SameShape<CrisisAlertView, CrisisAlertResponseDto>>;
type _Usage = Assert<SameShape<CrisisToolkitUsageView, CrisisToolkitUsageResponseDto>>;
