import { ApiProperty } from '@nestjs/swagger';

import type { Assert, SameShape } from '@cairn/platform/http';
import type { PatientAppointment } from '@cairn/platform/scheduling';

import type { PortalActivityView } from '../domain/portal-activity.view';

export class PatientAppointmentDto {
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ format: 'date-time' }) startAt!: string;
  @ApiProperty({ format: 'date-time' }) endAt!: string;
  @ApiProperty() status!: string;
  @ApiProperty() serviceType!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ nullable: true, type: String }) providerName!: string | null;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty() siteName!: string;
}

export class PortalActivityResponseDto {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'date' }) today!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: [PatientAppointmentDto] }) upcomingAppointments!: PatientAppointmentDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'One object per registered section: mood (30-day trend, recent entries), journal (shared entries), prompts (open, recent answers), notifications (unread; staff only), and the sections other portal features register (homework, goals, crisis alerts, ...).',
  })
  sections!: Record<string, unknown>;
}

type _Appointment = Assert<SameShape<PatientAppointment, PatientAppointmentDto>>;
type _Activity = Assert<SameShape<PortalActivityView, PortalActivityResponseDto>>;
