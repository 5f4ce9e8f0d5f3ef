import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

import { IsId, type Assert, type SameShape } from '@cairn/platform/http';

import type { InsuranceCardView } from '../domain/insurance-card.view';

export class AddInsuranceCardDto {
  @ApiProperty({ example: 'Blue Cross Blue Shield of Arizona', maxLength: 200 })
  @IsString({ message: 'payerName must be a string' })
  @MinLength(1, { message: 'payerName must not be empty' })
  @MaxLength(200, { message: 'payerName must be at most 200 characters' })
  payerName!: string;

  @ApiProperty({ example: 'XKZ123456789', maxLength: 64 })
  @IsString({ message: 'memberId must be a string' })
  @MinLength(1, { message: 'memberId must not be empty' })
  @MaxLength(64, { message: 'memberId must be at most 64 characters' })
  memberId!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'GRP-88231', maxLength: 64 })
  @IsOptional()
  @IsString({ message: 'groupNumber must be a string' })
  @MaxLength(64, { message: 'groupNumber must be at most 64 characters' })
  groupNumber?: string | null;

  @ApiProperty({
    format: 'uuid',
    description: 'A photo of the front, uploaded first with `POST /api/v1/portal/files` (an image by its bytes)',
  })
  @IsId()
  frontFileId!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A photo of the back, uploaded the same way' })
  @IsOptional()
  @IsId()
  backFileId?: string | null;
}

export class InsuranceCardResponseDto {
  @ApiProperty({ format: 'uuid' }) insuranceCardId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty() payerName!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty({ type: String, nullable: true }) groupNumber!: string | null;
  @ApiProperty({ format: 'uuid' }) frontFileId!: string;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) backFileId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

type _InsuranceCard = Assert<SameShape<InsuranceCardView, InsuranceCardResponseDto>>;
