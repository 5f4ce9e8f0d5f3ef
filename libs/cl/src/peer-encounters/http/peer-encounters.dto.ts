import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

import { IsCalendarDate, IsId, PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';

import type { PeerEncounterChargeView } from '../domain/peer-encounter-charge.view';
import { HH_MM, PEER_ENCOUNTER_STATUSES } from '../domain/peer-encounter.rules';
import type { PeerEncounterView } from '../domain/peer-encounter.view';

const CODE = /^[A-Z0-9]{2,7}$/;
const SERVICE_TYPE = /^[a-z][a-z0-9_]{1,47}$/;

export class CreatePeerEncounterDto {
  @ApiProperty({ format: 'uuid' }) @IsId() patientId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: "Defaults to the patient's site; one of your permitted sites" })
  @IsOptional()
  @IsId()
  siteId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to you; a peer specialist at the site' })
  @IsOptional()
  @IsId()
  peerProviderId?: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate('serviceDate') serviceDate!: string;
  @ApiProperty({ example: '09:00', description: "HH:MM, the site's local time" })
  @Matches(HH_MM, { message: 'startTime must be an HH:MM time' })
  startTime!: string;
  @ApiProperty({ example: '09:53', description: 'HH:MM, after startTime the same day' })
  @Matches(HH_MM, { message: 'endTime must be an HH:MM time' })
  endTime!: string;
  @ApiPropertyOptional({ description: 'Computed from the times; when given it must equal endTime − startTime' })
  @IsOptional()
  @IsInt({ message: 'durationMinutes must be a whole number' })
  @Min(1, { message: 'durationMinutes must be at least 1' })
  @Max(1440, { message: 'durationMinutes must be at most 1440' })
  durationMinutes?: number;
  @ApiProperty({ example: 'peer_support', description: 'A key of the peer service types in force (GET /api/v1/peer-service-types)' })
  @IsString()
  @Matches(SERVICE_TYPE, { message: 'serviceType must be a service type key' })
  serviceType!: string;
  @ApiProperty({ example: 'H0038', description: 'H0038, H2017 or an HCPCS code your organization defines, valid on serviceDate' })
  @IsString()
  @Matches(CODE, { message: 'hcpcsCode must be 2 to 7 upper-case letters or digits' })
  hcpcsCode!: string;
  @ApiPropertyOptional({ maxLength: 20000, description: 'What the encounter focused on (PHI)' })
  @IsOptional()
  @IsString()
  @Length(0, 20000, { message: 'focusNotes must be at most 20000 characters' })
  focusNotes?: string;
  @ApiPropertyOptional({
    description:
      'Save even though another peer encounter of the same patient overlaps these times on that day (without it: 409 naming them)',
  })
  @IsOptional()
  @IsBoolean({ message: 'confirmOverlap must be true or false' })
  confirmOverlap?: boolean;
}

export class EditPeerEncounterDto {
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate('serviceDate') serviceDate?: string;
  @ApiPropertyOptional({ example: '09:00' })
  @IsOptional()
  @Matches(HH_MM, { message: 'startTime must be an HH:MM time' })
  startTime?: string;
  @ApiPropertyOptional({ example: '09:53' }) @IsOptional() @Matches(HH_MM, { message: 'endTime must be an HH:MM time' }) endTime?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'durationMinutes must be a whole number' })
  @Min(1, { message: 'durationMinutes must be at least 1' })
  @Max(1440, { message: 'durationMinutes must be at most 1440' })
  durationMinutes?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(SERVICE_TYPE, { message: 'serviceType must be a service type key' })
  serviceType?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'hcpcsCode must be 2 to 7 upper-case letters or digits' })
  hcpcsCode?: string;
  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @Length(0, 20000, { message: 'focusNotes must be at most 20000 characters' })
  focusNotes?: string;
  @ApiPropertyOptional({
    description:
      'Save even though another peer encounter of the same patient overlaps these times on that day (without it: 409 naming them)',
  })
  @IsOptional()
  @IsBoolean({ message: 'confirmOverlap must be true or false' })
  confirmOverlap?: boolean;
}

export class AddPeerEncounterAddendumDto {
  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @Length(1, 20000, { message: 'body must be 1 to 20000 characters' })
  @Matches(/\S/, { message: 'body must not be blank' })
  body!: string;
}

export class ListPeerEncountersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Encounters on or after this date' })
  @IsOptional()
  @IsCalendarDate('from')
  from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Encounters on or before this date' })
  @IsOptional()
  @IsCalendarDate('to')
  to?: string;
  @ApiPropertyOptional({ enum: PEER_ENCOUNTER_STATUSES })
  @IsOptional()
  @IsIn(PEER_ENCOUNTER_STATUSES as unknown as string[], { message: 'status must be draft or finalized' })
  status?: 'draft' | 'finalized';
}

class PeerEncounterAddendumDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PeerEncounterResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'uuid' }) chartId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The PM encounter, created when finalized' }) encounterId!:
    string | null;
  @ApiProperty({ format: 'uuid' }) peerProviderId!: string;
  @ApiProperty({ format: 'date' }) serviceDate!: string;
  @ApiProperty({ example: '09:00' }) startTime!: string;
  @ApiProperty({ example: '09:53' }) endTime!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty() serviceType!: string;
  @ApiProperty({ enum: ['pf15', 'organization'] }) serviceTypeSource!: string;
  @ApiProperty() hcpcsCode!: string;
  @ApiProperty({ enum: ['per_15_minutes', 'per_session', 'per_diem', 'per_encounter'] }) unitBasis!: string;
  @ApiProperty({ description: "Units by the code's unit basis and the site's jurisdiction timed-code rule" }) units!: number;
  @ApiProperty() focusNotes!: string;
  @ApiProperty({ enum: PEER_ENCOUNTER_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finalizedAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) finalizedBy!: string | null;
  @ApiProperty({ type: [PeerEncounterAddendumDto] }) addenda!: PeerEncounterAddendumDto[];
  @ApiProperty({ nullable: true, type: String, description: 'The 42 CFR §2.32 notice, on encounters of a Part 2 chart' }) part2Notice!:
    string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _PeerEncounter = Assert<SameShape<PeerEncounterView, PeerEncounterResponseDto>>;

export class PeerEncounterChargeResponseDto {
  @ApiProperty({ format: 'uuid' }) peerEncounterId!: string;
  @ApiProperty({
    enum: ['not_finalized', 'pending', 'on_hold', 'ready', 'billed', 'voided'],
    description:
      "not_finalized: a draft is not sent to billing; pending: finalized, the charge not created yet (usually seconds); else the current charge's status",
  })
  chargeStatus!: PeerEncounterChargeView['chargeStatus'];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) chargeId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why the charge is on hold: no_fee_schedule_entry, zero_units, invalid_duration, future_service_date',
  })
  holdReason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The code billed (null while on hold)' }) finalCode!: string | null;
  @ApiProperty({ nullable: true, type: Number }) units!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Units x rate, in cents' }) amountCents!: number | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) chargedAt!: string | null;
}

type _PeerEncounterCharge = Assert<SameShape<PeerEncounterChargeView, PeerEncounterChargeResponseDto>>;
