import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';

import { IsId, type Assert, type SameShape } from '@cairn/platform/http';

import { APPOINTMENT_STATUSES, CANCELLED_BY, type AppointmentView } from '../domain/appointment.view';

const TIMESTAMP = { strict: true, strictSeparator: true } as const;

export class BookAppointmentDto {
  @ApiProperty({ format: 'uuid' }) @IsId() siteId!: string;
  @ApiProperty({ format: 'uuid', description: 'Staff user who delivers the session' }) @IsId() providerId!: string;
  @ApiProperty({ format: 'uuid' }) @IsId() patientId!: string;
  @ApiProperty({ example: 'psychotherapy-45', description: 'A service type code of the organization' })
  @IsString()
  @Length(1, 64)
  serviceType!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601(TIMESTAMP, { message: 'startAt must be an ISO 8601 date-time' }) startAt!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601(TIMESTAMP, { message: 'endAt must be an ISO 8601 date-time' }) endAt!: string;
}

export class RescheduleAppointmentDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601(TIMESTAMP, { message: 'startAt must be an ISO 8601 date-time' }) startAt!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601(TIMESTAMP, { message: 'endAt must be an ISO 8601 date-time' }) endAt!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Move the session to another provider' })
  @IsOptional()
  @IsId()
  providerId?: string;
}

export class SetAppointmentStatusDto {
  @ApiProperty({ enum: APPOINTMENT_STATUSES })
  @IsIn(APPOINTMENT_STATUSES as unknown as string[], { message: `status must be one of ${APPOINTMENT_STATUSES.join(', ')}` })
  status!: (typeof APPOINTMENT_STATUSES)[number];
  @ApiPropertyOptional({ enum: CANCELLED_BY, description: 'Required for cancelled and late_cancelled' })
  @IsOptional()
  @IsIn(CANCELLED_BY as unknown as string[], { message: 'cancelledBy must be patient or clinic' })
  cancelledBy?: (typeof CANCELLED_BY)[number];
  @ApiPropertyOptional({ format: 'date-time', description: 'When the cancellation was received; defaults to now' })
  @IsOptional()
  @IsISO8601(TIMESTAMP, { message: 'cancelledAt must be an ISO 8601 date-time' })
  cancelledAt?: string;
}

export class AppointmentResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty() serviceType!: string;
  @ApiProperty({ format: 'date-time' }) startAt!: string;
  @ApiProperty({ format: 'date-time' }) endAt!: string;
  @ApiProperty({ enum: APPOINTMENT_STATUSES }) status!: string;
  @ApiProperty({ enum: CANCELLED_BY, nullable: true, type: String }) cancelledBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cancelledAt!: string | null;
  @ApiProperty({ format: 'date-time' }) statusChangedAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _Appointment = Assert<SameShape<AppointmentView, AppointmentResponseDto>>;
