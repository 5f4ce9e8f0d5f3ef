import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

import { IsId, MAX_PAGE, type Assert, type SameShape } from '@cairn/platform/http';

import type { ChainVerification } from '../verify-audit-chain/verify-audit-chain.query';
import type { AuditEventPage } from './list-audit-events.query';

/** An action key as the code writes them (`patient.read`, `group-session.attendance.record`): no spaces, quotes or control bytes. */
export const ACTION_KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export class AuditEventFilterDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsId() actorUserId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsId() patientId?: string;
  @ApiPropertyOptional({ example: 'patient.read', pattern: ACTION_KEY.source, maxLength: 80 })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  @Matches(ACTION_KEY, { message: 'action must be an action key such as patient.read (letters, digits, . _ : -)' })
  action?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive lower bound' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive upper bound' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;
}

export class ListAuditEventsDto extends AuditEventFilterDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be an integer' })
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be an integer' })
  @Min(1)
  @Max(500)
  pageSize?: number;
}

class AuditEventDto {
  @ApiProperty({ description: "Position in the organization's hash chain" }) seq!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorUserId!: string | null;
  @ApiProperty({ enum: ['staff', 'anonymous', 'system', 'client'], description: "'client': a portal client acting on their own records" })
  actorType!: string;
  @ApiProperty({ example: 'patient.read' }) action!: string;
  @ApiProperty() resourceType!: string;
  @ApiProperty({ nullable: true, type: String }) resourceId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) patientId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Sites, filter names, counts: never PHI values' })
  scope!: unknown;
  @ApiProperty({ enum: ['success', 'denied', 'failure', 'not_found'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty() hash!: string;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class ChainVerificationDto {
  @ApiProperty({ format: 'uuid' }) chainKey!: string;
  @ApiProperty() eventsChecked!: number;
  @ApiProperty() intact!: boolean;
  @ApiProperty({ nullable: true, type: String }) firstBrokenSeq!: string | null;
  @ApiProperty({ nullable: true, type: String }) problem!: string | null;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _AuditEventPage = Assert<SameShape<AuditEventPage, AuditEventPageDto>>;
type _ChainVerification = Assert<SameShape<ChainVerification, ChainVerificationDto>>;
