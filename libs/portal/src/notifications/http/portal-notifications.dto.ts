import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

import { PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';

import type { PortalNotificationView } from '../domain/portal-notification.view';

export class PortalNotificationResponseDto {
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ example: 'mood_entry.logged' }) kind!: string;
  @ApiProperty({ example: 'mood_entry' }) recordKind!: string;
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt!: string | null;
}

export class PortalNotificationPageDto {
  @ApiProperty({ type: [PortalNotificationResponseDto] }) items!: PortalNotificationResponseDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ description: "Unread notifications of the caller's clients" }) unread!: number;
}

export class ListPortalNotificationsDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only unread ones' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class MarkPortalNotificationDto {
  @ApiProperty({ description: 'true: read; false: unread again' })
  @IsBoolean()
  read!: boolean;
}

type _Notification = Assert<SameShape<PortalNotificationView, PortalNotificationResponseDto>>;
