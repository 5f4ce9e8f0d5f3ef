import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';

import { IsCalendarDate, IsId, IsIdList, IsJsonObject } from '@cairn/platform/http';

import { CARE_TEAM_ROLES } from '../domain/patient.view';

const NAME = /^[\p{L}\p{M}' .-]+$/u;

export class AddressDto {
  @ApiPropertyOptional({ maxLength: 120 }) @IsOptional() @IsString() @MaxLength(120) line1?: string;
  @ApiPropertyOptional({ maxLength: 120 }) @IsOptional() @IsString() @MaxLength(120) line2?: string;
  @ApiPropertyOptional({ maxLength: 80 }) @IsOptional() @IsString() @MaxLength(80) city?: string;
  @ApiPropertyOptional({ example: 'AZ' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'state must be a two-letter code' })
  state?: string;
  @ApiPropertyOptional({ example: '85701' })
  @IsOptional()
  @Matches(/^\d{5}(-\d{4})?$/, { message: 'postalCode must be a ZIP or ZIP+4' })
  postalCode?: string;
}

class PatientFieldsDto {
  @ApiPropertyOptional({ maxLength: 80 })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  @Matches(NAME, { message: 'middleName has characters a name cannot have' })
  middleName?: string;
  @ApiPropertyOptional({ maxLength: 80 }) @IsOptional() @IsString() @Length(1, 80) preferredName?: string;
  @ApiPropertyOptional({ enum: ['female', 'male', 'intersex', 'unknown'] })
  @IsOptional()
  @IsIn(['female', 'male', 'intersex', 'unknown'])
  sexAtBirth?: string;
  @ApiPropertyOptional({ maxLength: 80 }) @IsOptional() @IsString() @MaxLength(80) genderIdentity?: string;
  @ApiPropertyOptional({ maxLength: 40 }) @IsOptional() @IsString() @MaxLength(40) pronouns?: string;
  @ApiPropertyOptional({ example: '520-555-0100' })
  @IsOptional()
  @Matches(/^[0-9+() .-]{7,25}$/, { message: 'phone must be a phone number' })
  phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254) email?: string;
  @ApiPropertyOptional({ type: AddressDto }) @IsOptional() @IsJsonObject() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
}

export class RegisterPatientDto extends PatientFieldsDto {
  @ApiProperty({ format: 'uuid', description: 'Home site; must be one where the caller holds patients.edit' })
  @IsId()
  siteId!: string;

  @ApiProperty({ maxLength: 80 })
  @IsString()
  @Length(1, 80)
  @Matches(NAME, { message: 'firstName has characters a name cannot have' })
  firstName!: string;
  @ApiProperty({ maxLength: 80 })
  @IsString()
  @Length(1, 80)
  @Matches(NAME, { message: 'lastName has characters a name cannot have' })
  lastName!: string;

  @ApiProperty({ format: 'date', example: '1987-04-12' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date (YYYY-MM-DD)' })
  dateOfBirth!: string;

  @ApiPropertyOptional({ description: 'Marks the chart as a 42 CFR Part 2 (SUD program) record', default: false })
  @IsOptional()
  @IsBoolean()
  isPart2?: boolean;

  @ApiPropertyOptional({ maxLength: 120 })
  @ValidateIf((o: RegisterPatientDto) => o.isPart2 === true || o.part2ProgramName !== undefined)
  @IsString({ message: 'part2ProgramName is required for a Part 2 chart' })
  @Length(1, 120)
  part2ProgramName?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Staff user to assign as primary therapist' })
  @IsOptional()
  @IsId()
  primaryTherapistId?: string;
}

export class UpdatePatientDto extends PatientFieldsDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsId() siteId?: string;
  @ApiPropertyOptional({ maxLength: 80 })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  @Matches(NAME, { message: 'firstName has characters a name cannot have' })
  firstName?: string;
  @ApiPropertyOptional({ maxLength: 80 })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  @Matches(NAME, { message: 'lastName has characters a name cannot have' })
  lastName?: string;
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date (YYYY-MM-DD)' })
  dateOfBirth?: string;
  @ApiPropertyOptional({ enum: ['active', 'inactive', 'deceased'] })
  @IsOptional()
  @IsIn(['active', 'inactive', 'deceased'])
  status?: string;
}

export class AssignCareTeamMemberDto {
  @ApiProperty({ format: 'uuid' }) @IsId() staffUserId!: string;
  @ApiProperty({ enum: CARE_TEAM_ROLES }) @IsIn(CARE_TEAM_ROLES as unknown as string[]) role!: string;
  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'startedOn must be a date (YYYY-MM-DD)' })
  startedOn?: string;
}

/** The most patient ids one search may name (`ids`). */
export const MAX_PATIENT_IDS = 200;

export class SearchPatientsDto {
  @ApiPropertyOptional({ description: 'Name (first, last or "last, first"), at least 2 characters', maxLength: 80 })
  @IsOptional()
  @IsString()
  @Length(2, 80)
  q?: string;
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a date (YYYY-MM-DD)' })
  dateOfBirth?: string;
  @ApiPropertyOptional({ maxLength: 40 }) @IsOptional() @IsString() @Length(1, 40) mrn?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsId() siteId?: string;
  @ApiPropertyOptional({
    type: String,
    example: '7f1c2d4e-0000-4000-8000-000000000001,7f1c2d4e-0000-4000-8000-000000000002',
    description: `Comma-separated patient ids (at most ${MAX_PATIENT_IDS}): only these, for screens that hold ids and need names. Ids outside the caller's scope are left out, not refused.`,
  })
  @IsOptional()
  @IsIdList('ids', 'patient ids', MAX_PATIENT_IDS)
  ids?: string[];
  @ApiPropertyOptional({ minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsIntLike() page?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsIntLike(200) pageSize?: number;
}

export class ListChartEncountersDto {
  @ApiPropertyOptional({ format: 'date', description: 'First service date (inclusive)' })
  @IsOptional()
  @IsCalendarDate('from')
  from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Last service date (inclusive)' })
  @IsOptional()
  @IsCalendarDate('to')
  to?: string;
  @ApiPropertyOptional({ minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsIntLike() page?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsIntLike(200) pageSize?: number;
}

function IsIntLike(max = 100000, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIntLike',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an integer from 1 to ${max}`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max },
    });
}
