import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

import { CODE_PATTERN, UNIT_BASES } from '@cairn/platform/code-library';
import { IsCalendarDate, PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';

import { CROSSWALK_MODIFIER_MODES, MODIFIER_MATCHES } from '../../charges/domain/charge.rules';
import type { FeeScheduleEntryView } from '../domain/fee-schedule-entry.view';

const SYSTEMS = ['CPT', 'HCPCS'] as const;

export class ListFeeScheduleDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'H0005' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'code must be 2 to 7 upper-case letters or digits' })
  code?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Only entries in effect on this day' })
  @IsOptional()
  @IsCalendarDate('on')
  on?: string;
}

export class CreateFeeScheduleEntryDto {
  @ApiProperty({ enum: SYSTEMS })
  @IsIn(SYSTEMS as unknown as string[], { message: 'codeSystem must be CPT or HCPCS' })
  codeSystem!: (typeof SYSTEMS)[number];
  @ApiProperty({ example: 'H0005' }) @Matches(CODE_PATTERN, { message: 'code must be 2 to 7 upper-case letters or digits' }) code!: string;
  @ApiProperty({
    enum: MODIFIER_MATCHES,
    description:
      "'exact': applies when the proposed modifiers are exactly `modifiers` (any order); 'any': applies to any modifiers (less specific, loses to an exact entry)",
  })
  @IsIn(MODIFIER_MATCHES as unknown as string[], { message: 'modifierMatch must be exact or any' })
  modifierMatch!: (typeof MODIFIER_MATCHES)[number];
  @ApiPropertyOptional({ type: [String], example: ['HF', 'HQ'], description: "Required modifiers for 'exact' (empty for 'any')" })
  @IsOptional()
  @IsArray({ message: 'modifiers must be an array' })
  @ArrayMaxSize(4, { message: 'modifiers holds at most 4' })
  @Matches(CODE_PATTERN, { each: true, message: 'modifiers must be 2 to 7 upper-case letters or digits each' })
  modifiers?: string[];
  @ApiProperty({ format: 'date' }) @IsCalendarDate('effectiveFrom') effectiveFrom!: string;
  @ApiPropertyOptional({ format: 'date', description: 'Last day (inclusive); open-ended when absent' })
  @IsOptional()
  @IsCalendarDate('effectiveTo')
  effectiveTo?: string;
  @ApiProperty({ minimum: 0, maximum: 10_000_000, description: 'Rate per unit, in cents' })
  @Type(() => Number)
  @IsInt({ message: 'rateCents must be a whole number of cents' })
  @Min(0, { message: 'rateCents must be 0 or more' })
  @Max(10_000_000, { message: 'rateCents must be at most 10000000' })
  rateCents!: number;
  @ApiProperty({ enum: UNIT_BASES })
  @IsIn(UNIT_BASES as unknown as string[], { message: `unitBasis must be one of ${UNIT_BASES.join(', ')}` })
  unitBasis!: (typeof UNIT_BASES)[number];
  @ApiPropertyOptional({ example: '90853', description: 'Crosswalk: bill as this code instead' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'crosswalkCode must be 2 to 7 upper-case letters or digits' })
  crosswalkCode?: string;
  @ApiPropertyOptional({
    enum: CROSSWALK_MODIFIER_MODES,
    description:
      "'add' adds crosswalkModifiers to the proposed ones; 'replace' bills exactly crosswalkModifiers; absent keeps the proposed ones",
  })
  @IsOptional()
  @IsIn(CROSSWALK_MODIFIER_MODES as unknown as string[], { message: 'crosswalkModifierMode must be add or replace' })
  crosswalkModifierMode?: (typeof CROSSWALK_MODIFIER_MODES)[number];
  @ApiPropertyOptional({ type: [String], example: ['HQ'] })
  @IsOptional()
  @IsArray({ message: 'crosswalkModifiers must be an array' })
  @ArrayMaxSize(4, { message: 'crosswalkModifiers holds at most 4' })
  @Matches(CODE_PATTERN, { each: true, message: 'crosswalkModifiers must be 2 to 7 upper-case letters or digits each' })
  crosswalkModifiers?: string[];
}

export class EndFeeScheduleEntryDto {
  @ApiProperty({ format: 'date', description: 'The last day the entry applies (inclusive)' })
  @IsCalendarDate('effectiveTo')
  effectiveTo!: string;
}

export class FeeScheduleEntryResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SYSTEMS }) codeSystem!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: MODIFIER_MATCHES }) modifierMatch!: string;
  @ApiProperty({ type: [String] }) modifiers!: string[];
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) effectiveTo!: string | null;
  @ApiProperty() rateCents!: number;
  @ApiProperty({ enum: UNIT_BASES }) unitBasis!: string;
  @ApiProperty({ nullable: true, type: String }) crosswalkCode!: string | null;
  @ApiProperty({ enum: CROSSWALK_MODIFIER_MODES, nullable: true, type: String }) crosswalkModifierMode!: string | null;
  @ApiProperty({ type: [String] }) crosswalkModifiers!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endedAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) endedBy!: string | null;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _FeeScheduleEntry = Assert<SameShape<FeeScheduleEntryView, FeeScheduleEntryResponseDto>>;
