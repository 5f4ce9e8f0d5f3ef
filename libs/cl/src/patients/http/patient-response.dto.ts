import type { CommandResult } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import type { Assert, SameShape } from '@cairn/platform/http';

import type { RegisterPatientCommand } from '../commands/register-patient/register-patient.command';
import type { ChartEncounterPage } from '../domain/chart-encounter.view';
import type { PatientDeletionView } from '../domain/patient-deletion.view';
import type { PatientView } from '../domain/patient.view';
import type { PatientPage } from '../queries/search-patients/search-patients.query';

class AddressViewDto {
  @ApiProperty({ nullable: true, type: String }) line1!: string | null;
  @ApiProperty({ nullable: true, type: String }) line2!: string | null;
  @ApiProperty({ nullable: true, type: String }) city!: string | null;
  @ApiProperty({ nullable: true, type: String }) state!: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode!: string | null;
}

class ChartViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SON-000123' }) mrn!: string;
  @ApiProperty({ description: '42 CFR Part 2 (SUD program) record' }) isPart2!: boolean;
  @ApiProperty({ nullable: true, type: String }) part2ProgramName!: string | null;
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date' }) openedOn!: string;
}

class CareTeamViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) staffUserId!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ format: 'date' }) startedOn!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endedOn!: string | null;
}

export class PatientResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty({ nullable: true, type: String }) middleName!: string | null;
  @ApiProperty() lastName!: string;
  @ApiProperty({ nullable: true, type: String }) preferredName!: string | null;
  @ApiProperty({ format: 'date' }) dateOfBirth!: string;
  @ApiProperty({ nullable: true, type: String }) sexAtBirth!: string | null;
  @ApiProperty({ nullable: true, type: String }) genderIdentity!: string | null;
  @ApiProperty({ nullable: true, type: String }) pronouns!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ type: AddressViewDto }) address!: AddressViewDto;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ type: ChartViewDto, nullable: true }) chart!: ChartViewDto | null;
  @ApiProperty({ type: [CareTeamViewDto] }) careTeam!: CareTeamViewDto[];
  @ApiProperty({ nullable: true, type: String, description: 'The 42 CFR §2.32 notice, present when the chart is a Part 2 record' })
  part2Notice!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/**
 * The answer to registering a patient the caller cannot see once registered (an assigned-only clinician who names
 * a colleague as primary therapist): the new patient's id and MRN only.
 */
export class RegisteredPatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SON-000123' }) mrn!: string;
}

export class PatientPageDto {
  @ApiProperty({ type: [PatientResponseDto] }) items!: PatientResponseDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

class ChartGroupSessionDto {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ enum: ['present', 'partial'] }) attendanceStatus!: 'present' | 'partial';
  @ApiProperty() minutesAttended!: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) groupId!: string | null;
  @ApiProperty({ nullable: true, type: String }) groupName!: string | null;
  @ApiProperty({ nullable: true, type: String }) groupType!: string | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'The group belongs to a Part 2 (SUD) program' }) sudProgram!: boolean | null;
  @ApiProperty({ nullable: true, type: String, example: '09:00' }) startTime!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '10:30' }) endTime!: string | null;
}

class ChartEncounterDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['individual', 'group', 'peer'] }) encounterType!: string;
  @ApiProperty({ format: 'date' }) serviceDate!: string;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ format: 'uuid' }) renderingProviderId!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ enum: ['group_session', 'peer_encounter', 'appointment'] }) sourceType!: string;
  @ApiProperty({ format: 'uuid' }) sourceId!: string;
  @ApiProperty({ type: ChartGroupSessionDto, nullable: true, description: 'The group session and attendance behind a group encounter' })
  groupSession!: ChartGroupSessionDto | null;
}

export class ChartEncounterPageDto {
  @ApiProperty({ type: [ChartEncounterDto] }) items!: ChartEncounterDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'Encounters of the patient in the period, including withheld ones' }) total!: number;
  @ApiProperty({
    description:
      '42 CFR Part 2: SUD-program group encounters and peer encounters of a Part 2 chart on this page withheld for want of consent (counted, never described)',
  })
  withheld!: number;
  @ApiProperty({ nullable: true, type: String, example: 'no_consent' }) withheldReason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The 42 CFR §2.32 notice, when Part 2 records are shown' }) part2Notice!:
    string | null;
}

/** The answer to deleting a patient (ADR 0018). */
export class PatientDeletionDto {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ enum: ['deleted'] }) status!: 'deleted';
  @ApiProperty({ description: 'The status before the deletion (never active: a patient in care is discharged first)' })
  previousStatus!: string;
  @ApiProperty({ description: 'Client-portal rows and files erased in all' }) portalRowsErased!: number;
  @ApiProperty({
    description: 'Client-portal rows erased per portal table (every portal table of a patient, 0 where there were none)',
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { po_accounts: 1, po_files: 2, po_mood_entries: 40 },
  })
  portalRowsErasedByTable!: Record<string, number>;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _Patient = Assert<SameShape<PatientView, PatientResponseDto>>;
type _RegisteredPatient = Assert<SameShape<Exclude<CommandResult<RegisterPatientCommand>, PatientView>, RegisteredPatientDto>>;
type _PatientPage = Assert<SameShape<PatientPage, PatientPageDto>>;
type _ChartEncounterPage = Assert<SameShape<ChartEncounterPage, ChartEncounterPageDto>>;
type _PatientDeletion = Assert<SameShape<PatientDeletionView, PatientDeletionDto>>;
