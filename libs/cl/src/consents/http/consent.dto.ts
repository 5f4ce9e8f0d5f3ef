import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { PART2_RECORD_TYPES, type SudConsentDecision } from '@cairn/platform/clinical';
import { IsId, IsJsonObject, PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';
import { ROLE_KEYS } from '@cairn/platform/tenancy';

import {
  CONSENT_PURPOSES,
  CONSENT_SIGNERS,
  CONSENT_STATEMENTS,
  CONSENT_TYPES,
  REVOCATION_METHODS,
  type Part2ConsentView,
} from '../domain/part2-consent.view';
import type { ConsentPage } from '../queries/list-consents/list-consents.query';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const RECORD_TYPES = [...PART2_RECORD_TYPES, '*'];
const required = (field: string, element: string) => ({ message: `${field} is required: ${element}` });

export class ConsentRecipientDto {
  @ApiProperty({ enum: ['organization', 'program', 'role'] })
  @IsIn(['organization', 'program', 'role'], { message: 'type must be organization, program or role' })
  type!: 'organization' | 'program' | 'role';

  @ApiPropertyOptional({ format: 'uuid', description: 'type organization: the organization receiving the records' })
  @ValidateIf((o: ConsentRecipientDto) => o.type === 'organization')
  @IsId()
  organizationId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'type organization: its name as written on the form' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 120, description: "type program: the Part 2 program's name (its staff on the patient's care team)" })
  @ValidateIf((o: ConsentRecipientDto) => o.type === 'program')
  @IsString({ message: 'programName is required for a program recipient' })
  @Length(1, 120)
  programName?: string;

  @ApiPropertyOptional({ enum: ROLE_KEYS, description: 'type role: staff holding this role in the organization' })
  @ValidateIf((o: ConsentRecipientDto) => o.type === 'role')
  @IsIn(ROLE_KEYS as unknown as string[], { message: `roleKey must be one of ${ROLE_KEYS.join(', ')}` })
  roleKey?: string;
}

/**
 * A 42 CFR Part 2 consent as the patient signed it. Each element §2.31 requires is a required field whose
 * error names the element.
 */
export class RecordConsentDto {
  @ApiProperty({
    enum: CONSENT_TYPES,
    description:
      'tpo: the single consent for all future treatment, payment and health care operations (2024 rule); specific_disclosure: one named disclosure',
  })
  @IsDefined(required('consentType', 'tpo or specific_disclosure'))
  @IsIn(CONSENT_TYPES as unknown as string[], { message: 'consentType must be tpo or specific_disclosure' })
  consentType!: (typeof CONSENT_TYPES)[number];

  @ApiProperty({ maxLength: 200, description: '§2.31(a)(2): the program or person permitted to disclose' })
  @IsDefined(required('disclosingParty', 'the program or person permitted to disclose (42 CFR §2.31(a)(2))'))
  @IsString()
  @Length(1, 200)
  disclosingParty!: string;

  @ApiProperty({ maxLength: 1000, description: '§2.31(a)(3): how much and what kind of information, in words' })
  @IsDefined(required('informationDescription', 'how much and what kind of information may be disclosed (42 CFR §2.31(a)(3))'))
  @IsString()
  @Length(1, 1000)
  informationDescription!: string;

  @ApiProperty({ type: [String], enum: RECORD_TYPES, description: '§2.31(a)(3), machine-readable: the record types covered (* for all)' })
  @IsDefined(required('recordTypes', 'the kinds of records covered (42 CFR §2.31(a)(3))'))
  @IsArray()
  @ArrayNotEmpty({ message: 'recordTypes must name at least one record type (42 CFR §2.31(a)(3))' })
  @ArrayMaxSize(20)
  @IsIn(RECORD_TYPES, { each: true, message: `each of recordTypes must be one of ${RECORD_TYPES.join(', ')}` })
  recordTypes!: string[];

  @ApiProperty({ type: [ConsentRecipientDto], description: '§2.31(a)(4): who may receive the records' })
  @IsDefined(required('recipients', 'who may receive the records (42 CFR §2.31(a)(4))'))
  @IsArray()
  @ArrayNotEmpty({ message: 'recipients must name at least one recipient (42 CFR §2.31(a)(4))' })
  @ArrayMaxSize(20)
  @IsJsonObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ConsentRecipientDto)
  recipients!: ConsentRecipientDto[];

  @ApiProperty({
    type: [String],
    enum: CONSENT_PURPOSES,
    description: '§2.31(a)(5): the purposes; a TPO consent names treatment, payment and health_care_operations',
  })
  @IsDefined(required('purposes', 'the purpose of the disclosure (42 CFR §2.31(a)(5))'))
  @IsArray()
  @ArrayNotEmpty({ message: 'purposes must name at least one purpose (42 CFR §2.31(a)(5))' })
  @ArrayMaxSize(10)
  @IsIn(CONSENT_PURPOSES as unknown as string[], { each: true, message: `each of purposes must be one of ${CONSENT_PURPOSES.join(', ')}` })
  purposes!: string[];

  @ApiPropertyOptional({ format: 'date', description: 'First day the consent applies; defaults to signedOn' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'effectiveOn must be a date (YYYY-MM-DD)' })
  @Matches(DAY, { message: 'effectiveOn must be a date (YYYY-MM-DD)' })
  effectiveOn?: string;

  @ApiPropertyOptional({ format: 'date', description: '§2.31(a)(7): last day the consent applies (this or expirationEvent)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresOn must be a date (YYYY-MM-DD)' })
  @Matches(DAY, { message: 'expiresOn must be a date (YYYY-MM-DD)' })
  expiresOn?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description: '§2.31(a)(7): the event or condition that ends it ("end of treatment"; "none" only for TPO)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  expirationEvent?: string;

  @ApiProperty({ enum: CONSENT_SIGNERS, description: '§2.31(a)(8): who signed' })
  @IsDefined(required('signedBy', 'the signature of the patient or an authorized person (42 CFR §2.31(a)(8))'))
  @IsIn(CONSENT_SIGNERS as unknown as string[], { message: `signedBy must be one of ${CONSENT_SIGNERS.join(', ')}` })
  signedBy!: string;

  @ApiProperty({ format: 'date', description: '§2.31(a)(9): the date signed' })
  @IsDefined(required('signedOn', 'the date the consent was signed (42 CFR §2.31(a)(9))'))
  @IsISO8601({ strict: true }, { message: 'signedOn must be a date (YYYY-MM-DD)' })
  @Matches(DAY, { message: 'signedOn must be a date (YYYY-MM-DD)' })
  signedOn!: string;

  @ApiProperty({
    type: [String],
    enum: CONSENT_STATEMENTS,
    description: 'The statements the form contains: right to revoke (§2.31(a)(6)), redisclosure, conditioning of treatment',
  })
  @IsDefined(required('statements', "the form's statements, incl. the right to revoke (42 CFR §2.31(a)(6))"))
  @IsArray()
  @IsIn(CONSENT_STATEMENTS as unknown as string[], {
    each: true,
    message: `each of statements must be one of ${CONSENT_STATEMENTS.join(', ')}`,
  })
  statements!: string[];
}

export class RevokeConsentDto {
  @ApiProperty({ enum: REVOCATION_METHODS, description: 'How the patient revoked (42 CFR §2.31 allows written or oral revocation)' })
  @IsIn(REVOCATION_METHODS as unknown as string[], { message: 'method must be written or oral' })
  method!: string;
}

export class ListConsentsDto extends PageQueryDto {}

export class CheckPart2AccessDto {
  @ApiProperty({ enum: PART2_RECORD_TYPES, description: 'The kind of record the caller wants to read' })
  @IsIn(PART2_RECORD_TYPES as unknown as string[], { message: `recordType must be one of ${PART2_RECORD_TYPES.join(', ')}` })
  recordType!: string;
}

class ConsentRecipientViewDto {
  @ApiProperty({ enum: ['organization', 'program', 'role'] }) type!: string;
  @ApiPropertyOptional({ format: 'uuid' }) organizationId?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() programName?: string;
  @ApiPropertyOptional() roleKey?: string;
}

export class ConsentResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'uuid' }) chartId!: string;
  @ApiProperty({ enum: CONSENT_TYPES }) consentType!: string;
  @ApiProperty() disclosingParty!: string;
  @ApiProperty() informationDescription!: string;
  @ApiProperty({ type: [String] }) recordTypes!: string[];
  @ApiProperty({ type: [ConsentRecipientViewDto] }) recipients!: ConsentRecipientViewDto[];
  @ApiProperty({ type: [String] }) purposes!: string[];
  @ApiProperty({ format: 'date' }) effectiveOn!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) expiresOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) expirationEvent!: string | null;
  @ApiProperty({ enum: CONSENT_SIGNERS }) signedBy!: string;
  @ApiProperty({ format: 'date' }) signedOn!: string;
  @ApiProperty({ type: [String] }) statements!: string[];
  @ApiProperty({ enum: ['active', 'revoked', 'expired', 'pending'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt!: string | null;
  @ApiProperty({ enum: REVOCATION_METHODS, nullable: true, type: String }) revocationMethod!: string | null;
}

export class ConsentPageDto {
  @ApiProperty({ type: [ConsentResponseDto] }) items!: ConsentResponseDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ nullable: true, type: String, description: 'The 42 CFR §2.32 notice that accompanies Part 2 records' }) part2Notice!:
    string | null;
}

export class Part2AccessDto {
  @ApiProperty() allowed!: boolean;
  @ApiProperty({ enum: ['not_part2', 'consent_on_file', 'no_consent', 'revoked', 'expired', 'not_covered', 'unknown_chart'] })
  reason!: string;
  @ApiProperty({ description: 'The chart is a 42 CFR Part 2 record' }) part2!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) chartId!: string | null;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _Consent = Assert<SameShape<Part2ConsentView, ConsentResponseDto>>;
type _ConsentPage = Assert<SameShape<ConsentPage, ConsentPageDto>>;
type _Part2Access = Assert<SameShape<SudConsentDecision, Part2AccessDto>>;
