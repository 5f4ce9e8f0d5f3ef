import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { GROUP_SESSION_MODALITIES } from '@cairn/platform/clinical';
import { IsCalendarDate, IsId, IsJsonObject, PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';
import { GROUP_TYPES } from '@cairn/platform/jurisdiction';

import { ATTENDANCE_STATUSES, GROUP_SESSION_STATUSES, HH_MM } from '../domain/group-session.rules';
import type { GroupAttendanceView, GroupSessionSummaryView, GroupSessionView, GroupView } from '../domain/group-session.view';

const TYPES = GROUP_TYPES as unknown as string[];
const MODALITIES = GROUP_SESSION_MODALITIES as unknown as string[];

export class CreateGroupDto {
  @ApiProperty({ format: 'uuid' }) @IsId() siteId!: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ enum: GROUP_TYPES, description: 'The group type the jurisdiction profile maps to a code' })
  @IsIn(TYPES, { message: `groupType must be one of ${GROUP_TYPES.join(', ')}` })
  groupType!: string;
  @ApiProperty({ description: 'The group belongs to a 42 CFR Part 2 (SUD) program: its attendance is a Part 2 record' })
  @IsBoolean({ message: 'sudProgram must be true or false' })
  sudProgram!: boolean;
  @ApiPropertyOptional({ enum: GROUP_SESSION_MODALITIES, default: 'in_person' })
  @IsOptional()
  @IsIn(MODALITIES, { message: `defaultModality must be one of ${GROUP_SESSION_MODALITIES.join(', ')}` })
  defaultModality?: 'in_person' | 'telehealth_video';
  @ApiProperty({ type: [String], format: 'uuid', description: 'Staff with a clinician, peer specialist or supervisor role at the site' })
  @IsArray({ message: 'facilitatorIds must be an array' })
  @ArrayMinSize(1, { message: 'facilitatorIds must name at least one facilitator' })
  @ArrayMaxSize(10)
  @IsId({ each: true })
  facilitatorIds!: string[];
}

export class ListGroupsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsId() siteId?: string;
  @ApiPropertyOptional({ enum: GROUP_TYPES })
  @IsOptional()
  @IsIn(TYPES, { message: `groupType must be one of ${GROUP_TYPES.join(', ')}` })
  groupType?: string;
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class CreateGroupSessionDto {
  @ApiProperty({ format: 'uuid' }) @IsId() groupId!: string;
  @ApiProperty({ format: 'date', example: '2025-03-04', description: 'The calendar date at the site' })
  @IsCalendarDate('sessionDate')
  sessionDate!: string;
  @ApiProperty({ example: '10:00', description: "HH:MM, the site's local time" })
  @Matches(HH_MM, { message: 'startTime must be an HH:MM time' })
  startTime!: string;
  @ApiProperty({ example: '11:30', description: 'HH:MM, after startTime the same day' })
  @Matches(HH_MM, { message: 'endTime must be an HH:MM time' })
  endTime!: string;
  @ApiPropertyOptional({ format: 'uuid', description: "One of the group's facilitators; defaults to the caller when they are one" })
  @IsOptional()
  @IsId()
  facilitatorId?: string;
  @ApiPropertyOptional({ enum: GROUP_SESSION_MODALITIES, description: "Defaults to the group's" })
  @IsOptional()
  @IsIn(MODALITIES, { message: `modality must be one of ${GROUP_SESSION_MODALITIES.join(', ')}` })
  modality?: 'in_person' | 'telehealth_video';
  @ApiPropertyOptional({ maxLength: 20000, description: 'The shared group note (PHI)' })
  @IsOptional()
  @IsString()
  @Length(0, 20000)
  note?: string;
}

export class EditGroupSessionNoteDto {
  @ApiProperty({ maxLength: 20000 }) @IsString() @Length(0, 20000) note!: string;
}

export class AttendanceEntryDto {
  @ApiProperty({ format: 'uuid' }) @IsId() patientId!: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES as unknown as string[], { message: 'status must be present, partial or absent' })
  status!: 'present' | 'partial' | 'absent';
  @ApiPropertyOptional({
    minimum: 0,
    description: '0 for absent; partial: more than 0 and less than the session; present: defaults to the session length',
  })
  @IsOptional()
  @IsInt({ message: 'minutesAttended must be a whole number' })
  @Min(0, { message: 'minutesAttended must be 0 or more' })
  @Max(1440)
  minutesAttended?: number;
  @ApiPropertyOptional({ example: '10:05', description: 'HH:MM within the session' })
  @IsOptional()
  @Matches(HH_MM, { message: 'arrivalTime must be an HH:MM time' })
  arrivalTime?: string;
  @ApiPropertyOptional({ example: '11:00', description: 'HH:MM within the session, after arrivalTime' })
  @IsOptional()
  @Matches(HH_MM, { message: 'departureTime must be an HH:MM time' })
  departureTime?: string;
}

export class RecordAttendanceDto {
  @ApiProperty({ type: [AttendanceEntryDto], description: 'One entry per patient; patients not listed keep their attendance' })
  @IsArray({ message: 'attendees must be an array' })
  @ArrayMinSize(1, { message: 'attendees must list at least one patient' })
  @ArrayMaxSize(100)
  @IsJsonObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  attendees!: AttendanceEntryDto[];
}

export class ListGroupSessionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsId() groupId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsId() siteId?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Sessions on or after this date' })
  @IsOptional()
  @IsCalendarDate('from')
  from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Sessions on or before this date' })
  @IsOptional()
  @IsCalendarDate('to')
  to?: string;
  @ApiPropertyOptional({ enum: GROUP_SESSION_STATUSES })
  @IsOptional()
  @IsIn(GROUP_SESSION_STATUSES as unknown as string[], { message: 'status must be draft or documented' })
  status?: 'draft' | 'documented';
}

export class GroupResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: GROUP_TYPES }) groupType!: string;
  @ApiProperty() sudProgram!: boolean;
  @ApiProperty({ enum: GROUP_SESSION_MODALITIES }) defaultModality!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) facilitatorIds!: string[];
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
}

export class GroupSessionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) groupId!: string;
  @ApiProperty() groupName!: string;
  @ApiProperty({ enum: GROUP_TYPES }) groupType!: string;
  @ApiProperty() sudProgram!: boolean;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ format: 'date' }) sessionDate!: string;
  @ApiProperty({ example: '10:00' }) startTime!: string;
  @ApiProperty({ example: '11:30' }) endTime!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ format: 'uuid' }) facilitatorId!: string;
  @ApiProperty({ enum: GROUP_SESSION_MODALITIES }) modality!: string;
  @ApiProperty({ enum: GROUP_SESSION_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) documentedAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) documentedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class GroupAttendanceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    description: 'True in a Part 2 (SUD program) group when no consent lets you see who this is: patientId and chartId are then null',
  })
  consentRequired!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) patientId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) chartId!: string | null;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status!: string;
  @ApiProperty() minutesAttended!: number;
  @ApiProperty({ nullable: true, type: String }) arrivalTime!: string | null;
  @ApiProperty({ nullable: true, type: String }) departureTime!: string | null;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class GroupSessionResponseDto extends GroupSessionSummaryDto {
  @ApiProperty({ description: 'The shared group note' }) note!: string;
  @ApiProperty({ type: [GroupAttendanceDto] }) attendance!: GroupAttendanceDto[];
  @ApiProperty({ description: 'Attendees outside your patient scope (not listed)' }) attendeesOutsideScope!: number;
  @ApiProperty({ nullable: true, type: String, description: 'The 42 CFR §2.32 notice, when Part 2 records are disclosed' }) part2Notice!:
    string | null;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _Group = Assert<SameShape<GroupView, GroupResponseDto>>;
type _GroupSessionSummary = Assert<SameShape<GroupSessionSummaryView, GroupSessionSummaryDto>>;
type _GroupAttendance = Assert<SameShape<GroupAttendanceView, GroupAttendanceDto>>;
type _GroupSession = Assert<SameShape<GroupSessionView, GroupSessionResponseDto>>;
