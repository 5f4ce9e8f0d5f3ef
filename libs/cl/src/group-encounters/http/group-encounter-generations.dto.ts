import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';

import { IsCalendarDate, IsId, PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';

import type { ConsentWorklistItemView } from '../domain/consent-worklist.view';
import { GENERATION_SORTS } from '../domain/generation-sort.rules';
import { WITHHELD_REASONS, type GroupEncounterGenerationView } from '../domain/group-encounter-generation.view';
import { GENERATION_STATUSES, NOT_BILLABLE_REASONS } from '../domain/group-encounter.rules';
import type { ReviewOutcome, ReviewResult } from '../domain/review-result.view';

export const MAX_BULK_IDS = 500;

/** A query string's true/false; anything else stays as it is for the validator to refuse. */
function booleanQuery({ value }: { value: unknown }): unknown {
  return value === 'true' ? true : value === 'false' ? false : value;
}

export class ListGroupEncounterGenerationsDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One group session' })
  @IsOptional()
  @IsId()
  sessionId?: string;
  @ApiPropertyOptional({ enum: GENERATION_STATUSES })
  @IsOptional()
  @IsIn(GENERATION_STATUSES, { message: `status must be one of ${GENERATION_STATUSES.join(', ')}` })
  status?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Sessions on or after this date' })
  @IsOptional()
  @IsCalendarDate('from')
  from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Sessions on or before this date' })
  @IsOptional()
  @IsCalendarDate('to')
  to?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsId()
  siteId?: string;
  @ApiPropertyOptional({
    type: Boolean,
    description: 'Only billable rows (true) or only not billable ones (false); never matches a withheld row',
  })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'billable must be true or false' })
  billable?: boolean;
  @ApiPropertyOptional({
    type: Boolean,
    description: 'Only rows withheld for lack of a Part 2 consent (true), or only rows shown in full (false)',
  })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'needsConsent must be true or false' })
  needsConsent?: boolean;
  @ApiPropertyOptional({
    type: Boolean,
    description: 'Only absent attendees (true: no encounter generated) or only generated rows (false); never matches a withheld row',
  })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'notGenerated must be true or false' })
  notGenerated?: boolean;
  @ApiPropertyOptional({
    enum: GENERATION_SORTS,
    description:
      'The queue order: a field, or `-field` for descending (default `-sessionDate`). Under any other field the rows withheld from ' +
      'you (42 CFR Part 2) come after every shown one, in the default order, so their place tells nothing they hide',
  })
  @IsOptional()
  @IsIn(GENERATION_SORTS, { message: `sort must be one of ${GENERATION_SORTS.join(', ')}` })
  sort?: string;
}

export class ReviewIdsDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_BULK_IDS, description: 'Generation ids (one or many)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_IDS)
  @IsId({ each: true, message: 'each id must be a UUID' })
  ids!: string[];
}

export class RejectGenerationsDto extends ReviewIdsDto {
  @ApiProperty({ minLength: 1, maxLength: 1000, description: 'Why (kept on the generation)' })
  @IsString({ message: 'reason must be a string' })
  @Length(1, 1000, { message: 'reason must be 1 to 1000 characters' })
  reason!: string;
}

export class RejectGenerationDto {
  @ApiProperty({ minLength: 1, maxLength: 1000, description: 'Why (kept on the generation)' })
  @IsString({ message: 'reason must be a string' })
  @Length(1, 1000, { message: 'reason must be 1 to 1000 characters' })
  reason!: string;
}

export class EditGenerationCodeDto {
  @ApiProperty({ example: '90853', description: 'A CPT or HCPCS code billable on the session date' })
  @IsString({ message: 'proposedCptCode must be a string' })
  @Length(2, 7, { message: 'proposedCptCode must be 2 to 7 letters or digits' })
  proposedCptCode!: string;
  @ApiProperty({ type: [String], example: ['HQ'], maxItems: 4, description: 'MODIFIER codes valid on the session date' })
  @IsArray({ message: 'modifiers must be an array' })
  @ArrayMaxSize(4)
  @IsString({ each: true, message: 'each modifier must be a string' })
  modifiers!: string[];
}

const WITHHELD = 'Null when the row is withheld (42 CFR Part 2)';

class GenerationFlagsDto {
  @ApiProperty({ nullable: true, type: Boolean, description: `Partial attendance under the jurisdiction minimum. ${WITHHELD}` })
  belowMinimum!: boolean | null;
  @ApiProperty({ enum: NOT_BILLABLE_REASONS, nullable: true, type: String }) notBillableReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) notBillableDetail!: string | null;
  @ApiProperty({ description: '42 CFR Part 2 consent required: the row is withheld, cannot be approved, rejected or edited' })
  consentRequired!: boolean;
}

export class GroupEncounterGenerationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: WITHHELD_REASONS,
    nullable: true,
    type: String,
    description: 'Set when the row is withheld: it then shows only its id, sudProgram and this reason; every other field is null',
  })
  withheldReason!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: WITHHELD }) groupSessionId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: WITHHELD }) groupId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: `${WITHHELD}, or when the caller cannot see the group` }) groupName!:
    string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: WITHHELD }) siteId!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: WITHHELD }) sessionDate!: string | null;
  @ApiProperty({ nullable: true, type: String, description: WITHHELD }) groupType!: string | null;
  @ApiProperty({ enum: ['in_person', 'telehealth_video'], nullable: true, type: String }) modality!: string | null;
  @ApiProperty() sudProgram!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null when consent is required' }) patientId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: `"First Last". ${WITHHELD}, or when the patient is outside your scope` })
  patientName!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) chartId!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The PM encounter (null for absent attendees or when consent is required)',
  })
  encounterId!: string | null;
  @ApiProperty({ enum: ['present', 'partial', 'absent'], nullable: true, type: String }) attendanceStatus!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: WITHHELD }) minutesAttended!: number | null;
  @ApiProperty({ enum: GENERATION_STATUSES, nullable: true, type: String, description: WITHHELD }) status!: string | null;
  @ApiProperty({ enum: ['CPT', 'HCPCS'], nullable: true, type: String }) proposedCodeSystem!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Advisory: PM-07 decides the final code' }) proposedCptCode!: string | null;
  @ApiProperty({ type: [String], nullable: true, description: WITHHELD }) proposedModifiers!: string[] | null;
  @ApiProperty({ nullable: true, type: Boolean, description: WITHHELD }) billable!: boolean | null;
  @ApiProperty({ type: GenerationFlagsDto }) flags!: GenerationFlagsDto;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) reviewedBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) reviewedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The 42 CFR §2.32 notice on a disclosed Part 2 row' }) part2Notice!:
    string | null;
  @ApiProperty({ nullable: true, type: Number, description: WITHHELD }) version!: number | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: WITHHELD }) createdAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: WITHHELD }) updatedAt!: string | null;
}

export class ConsentWorklistItemDto {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'uuid' }) chartId!: string;
  @ApiProperty({ description: '"First Last"' }) patientName!: string;
  @ApiProperty({ minimum: 1, description: 'Generations pending review that no approver of their site may see yet' }) waitingCount!: number;
  @ApiProperty({ enum: ['group_encounter'], description: 'The record type the missing consent must cover' }) recordType!: 'group_encounter';
  @ApiProperty({ description: 'The 42 CFR §2.32 notice' }) part2Notice!: string;
}

const OUTCOMES: ReviewOutcome[] = [
  'approved',
  'already_approved',
  'rejected',
  'already_rejected',
  'conflict',
  'not_billable',
  'consent_required',
  'not_found',
];

export class ReviewItemResultDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: OUTCOMES }) outcome!: string;
  @ApiProperty({ nullable: true, type: String }) detail!: string | null;
  @ApiProperty({ type: GroupEncounterGenerationDto, nullable: true }) generation!: GroupEncounterGenerationDto | null;
}

export class ReviewResultDto {
  @ApiProperty({ type: [ReviewItemResultDto] }) results!: ReviewItemResultDto[];
  @ApiProperty({ description: 'cl_group_encounters_approved events written (one per session with newly approved rows)' })
  eventsPublished!: number;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _GroupEncounterGeneration = Assert<SameShape<GroupEncounterGenerationView, GroupEncounterGenerationDto>>;
type _ReviewResult = Assert<SameShape<ReviewResult, ReviewResultDto>>;
type _ConsentWorklistItem = Assert<SameShape<ConsentWorklistItemView, ConsentWorklistItemDto>>;
