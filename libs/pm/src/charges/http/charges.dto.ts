import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

import { IsCalendarDate, IsId, PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';

import { CHARGE_SORTS } from '../domain/charge-sort.rules';
import {
  CHARGE_CHANGE_REASONS,
  CHARGE_SOURCE_TYPES,
  CHARGE_STATUSES,
  HOLD_REASONS,
  VOID_REASONS,
  type ChargeChangeReason,
} from '../domain/charge.rules';
import { CHARGE_WITHHELD_REASONS, type ChargeLifecycleView, type ChargeView } from '../domain/charge.view';

export class ListChargesDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHARGE_STATUSES })
  @IsOptional()
  @IsIn(CHARGE_STATUSES as unknown as string[], { message: `status must be one of ${CHARGE_STATUSES.join(', ')}` })
  status?: (typeof CHARGE_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsId() siteId?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Service date from (inclusive)' })
  @IsOptional()
  @IsCalendarDate('from')
  from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Service date to (inclusive)' }) @IsOptional() @IsCalendarDate('to') to?: string;
  @ApiPropertyOptional({ enum: CHARGE_SOURCE_TYPES })
  @IsOptional()
  @IsIn(CHARGE_SOURCE_TYPES as unknown as string[], { message: `sourceType must be one of ${CHARGE_SOURCE_TYPES.join(', ')}` })
  sourceType?: (typeof CHARGE_SOURCE_TYPES)[number];
  @ApiPropertyOptional({ format: 'uuid', description: 'The CL group session' }) @IsOptional() @IsId() sessionId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Never matches a withheld charge (it would tell that the patient's chart is under Part 2)",
  })
  @IsOptional()
  @IsId()
  patientId?: string;
  @ApiPropertyOptional({
    enum: CHARGE_SORTS,
    description:
      'The list order: a field, or `-field` for descending (default `-serviceDate`). Under `amount` or `status` the charges withheld ' +
      'from you (42 CFR Part 2) come after every shown one, newest service date first, so their place tells nothing they hide',
  })
  @IsOptional()
  @IsIn(CHARGE_SORTS, { message: `sort must be one of ${CHARGE_SORTS.join(', ')}` })
  sort?: string;
  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: 'csv: every matching charge (not one page) as CSV, masked like the list; `Accept: text/csv` asks the same',
  })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

export class ChargeSourceDto {
  @ApiProperty({ enum: CHARGE_SOURCE_TYPES }) type!: string;
  @ApiProperty({ format: 'uuid', description: 'The CL generation id, or the CL peer encounter id' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The CL group session, for a group charge' }) sessionId!:
    string | null;
}

export class ProposedCodeDto {
  @ApiProperty({ example: 'H0005' }) code!: string;
  @ApiProperty({ type: [String], example: ['HF', 'HQ'] }) modifiers!: string[];
}

export class FinalCodeDto {
  @ApiProperty({ example: 'H0005', nullable: true, type: String, description: 'Null while on hold for a missing fee schedule entry' })
  code!: string | null;
  @ApiProperty({ type: [String], example: ['HF', 'HQ'] }) modifiers!: string[];
}

export class ChargeLifecycleDto {
  @ApiProperty({ description: "0 for the source's first charge; a correction is one step after the charge it corrects" })
  lineageSeq!: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The voided charge this one corrects or re-prices' })
  correctsChargeId!: string | null;
  @ApiProperty({ enum: ['corrected', 'repriced'], nullable: true, type: String }) correctionReason!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) voidedAt!: string | null;
  @ApiProperty({ enum: VOID_REASONS, nullable: true, type: String }) voidReason!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) billedAt!: string | null;
}

const WITHHELD = 'Null when the charge is withheld (42 CFR Part 2)';

export class ChargeResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CHARGE_STATUSES, nullable: true, type: String, description: WITHHELD }) status!: string | null;
  @ApiProperty({ enum: HOLD_REASONS, nullable: true, type: String }) holdReason!: string | null;
  @ApiProperty({ type: ChargeSourceDto, nullable: true, description: WITHHELD }) source!: ChargeSourceDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) encounterId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null for a peer encounter charged without a PM encounter' })
  patientId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) chartId!: string | null;
  @ApiProperty({
    description: "42 CFR Part 2: a Part 2 chart's charge with no consent covering billing records for the caller: the charge is withheld",
  })
  consentRequired!: boolean;
  @ApiProperty({
    enum: CHARGE_WITHHELD_REASONS,
    nullable: true,
    type: String,
    description: 'Set when the charge is withheld: it then shows only its id, consentRequired and this reason; every other field is null',
  })
  withheldReason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The 42 CFR §2.32 notice, on a shown charge of a Part 2 chart' })
  part2Notice!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null for a peer encounter charged without a PM encounter' })
  siteId!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: WITHHELD }) serviceDate!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: WITHHELD }) renderingProviderId!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: WITHHELD }) durationMinutes!: number | null;
  @ApiProperty({ type: ProposedCodeDto, nullable: true, description: "CL's advisory proposal. " + WITHHELD })
  proposed!: ProposedCodeDto | null;
  @ApiProperty({ type: FinalCodeDto, nullable: true, description: 'What PM bills (fee schedule and crosswalk). ' + WITHHELD })
  final!: FinalCodeDto | null;
  @ApiProperty({ nullable: true, type: Number, description: WITHHELD }) units!: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'per_15_minutes' }) unitBasis!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Rate per unit in cents' }) rateCents!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Units x rate, in cents' }) amountCents!: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) feeScheduleEntryId!: string | null;
  @ApiProperty({ example: 'us-az-ahcccs', nullable: true, type: String, description: WITHHELD }) jurisdictionProfileKey!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: WITHHELD }) createdAt!: string | null;
  @ApiProperty({ type: ChargeLifecycleDto, nullable: true, description: WITHHELD }) lifecycle!: ChargeLifecycleDto | null;
}

/** A correction: the units (and, when they change, the code and modifiers) to bill instead; PM prices it again. */
export class CorrectChargeDto {
  @ApiProperty({ minimum: 1, maximum: 96, description: 'Units to bill (a day holds at most 96 quarter hours)' })
  @IsInt({ message: 'units must be a whole number' })
  @Min(1, { message: 'units must be at least 1' })
  @Max(96, { message: 'units must be at most 96' })
  units!: number;
  @ApiPropertyOptional({ example: 'H0005', description: "Defaults to the charge's proposed code" })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{2,7}$/, { message: 'code must be 2 to 7 upper-case letters or digits' })
  code?: string;
  @ApiPropertyOptional({ type: [String], example: ['HQ'], description: "Defaults to the charge's proposed modifiers" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @Matches(/^[A-Z0-9]{2}$/, { each: true, message: 'each modifier is 2 upper-case letters or digits' })
  modifiers?: string[];
  @ApiProperty({ enum: CHARGE_CHANGE_REASONS, description: 'Why (a kind, kept in the audit log; never free text, which could hold PHI)' })
  @IsIn(CHARGE_CHANGE_REASONS as unknown as string[], { message: `reason must be one of ${CHARGE_CHANGE_REASONS.join(', ')}` })
  reason!: ChargeChangeReason;
}

export class VoidChargeDto {
  @ApiProperty({ enum: CHARGE_CHANGE_REASONS, description: 'Why (a kind, kept in the audit log; never free text, which could hold PHI)' })
  @IsIn(CHARGE_CHANGE_REASONS as unknown as string[], { message: `reason must be one of ${CHARGE_CHANGE_REASONS.join(', ')}` })
  reason!: ChargeChangeReason;
}

/** The outcome of a correction: the voided charge and the new one that replaces it. */
export class ChargeCorrectionResponseDto {
  @ApiProperty({ type: ChargeResponseDto }) voided!: ChargeResponseDto;
  @ApiProperty({ type: ChargeResponseDto }) correction!: ChargeResponseDto;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _Charge = Assert<SameShape<ChargeView, ChargeResponseDto>>;
type _Lifecycle = Assert<SameShape<ChargeLifecycleView, ChargeLifecycleDto>>;
