import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

import { CODE_SYSTEMS, UNIT_BASES, type CodePage, type CodeValidity, type CodeView } from '@cairn/platform/code-library';
import { PageQueryDto, type Assert, type Page, type SameShape } from '@cairn/platform/http';

export class ListCodesDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CODE_SYSTEMS, description: 'Only codes of this system' })
  @IsOptional()
  @IsIn(CODE_SYSTEMS as unknown as string[], { message: `system must be one of ${CODE_SYSTEMS.join(', ')}` })
  system?: (typeof CODE_SYSTEMS)[number];

  @ApiPropertyOptional({ description: 'Start of a code, or words of its description', maxLength: 60 })
  @IsOptional()
  @IsString()
  @Length(1, 60, { message: 'q must be 1 to 60 characters' })
  q?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Only versions in effect on this day' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'on must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'on must be a date (YYYY-MM-DD)' })
  on?: string;
}

export class ValidateCodeDto {
  @ApiProperty({ format: 'date', description: 'The date of service' })
  @IsISO8601({ strict: true }, { message: 'on must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'on must be a date (YYYY-MM-DD)' })
  on!: string;

  @ApiPropertyOptional({ enum: CODE_SYSTEMS })
  @IsOptional()
  @IsIn(CODE_SYSTEMS as unknown as string[], { message: `system must be one of ${CODE_SYSTEMS.join(', ')}` })
  system?: (typeof CODE_SYSTEMS)[number];
}

export class CodeDto {
  @ApiProperty({ enum: CODE_SYSTEMS }) system!: string;
  @ApiProperty({ example: '90834' }) code!: string;
  @ApiProperty({ description: 'Our own short wording (CPT descriptors are copyrighted and not reproduced)' }) shortDescription!: string;
  @ApiProperty({ enum: UNIT_BASES, nullable: true, type: String, description: 'null for modifiers' }) unitBasis!: string | null;
  @ApiProperty({ nullable: true, type: Number }) minimumMinutes!: number | null;
  @ApiProperty({ nullable: true, type: Number }) maximumMinutes!: number | null;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Last day the code may be billed; null while current' })
  effectiveTo!: string | null;
  @ApiProperty({ enum: ['national', 'organization'] }) source!: string;
}

export class CodeValidityDto {
  @ApiProperty() valid!: boolean;
  @ApiPropertyOptional({ enum: ['unknown_code', 'not_yet_effective', 'ended', 'wrong_system'], description: 'Present when valid is false' })
  reason?: string;
  @ApiPropertyOptional({ example: '90806 ended on 2012-12-31' }) message?: string;
  @ApiProperty({ type: CodeDto, nullable: true }) code!: CodeDto | null;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _Code = Assert<SameShape<CodeView, CodeDto>>;
type _CodePage = Assert<SameShape<CodePage, Page<CodeDto>>>;
type _CodeValidity = Assert<SameShape<CodeValidity, CodeValidityDto>>;
