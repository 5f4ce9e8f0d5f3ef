import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

import { PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';

import { CLIENT_NOTIFICATION_KINDS } from '../domain/client-notification.rules';
import type { ClientNotificationView } from '../domain/client-notification.view';

export class ClientNotificationResponseDto implements ClientNotificationView {
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty({ example: 'session_summary.shared', description: `One of: ${Object.keys(CLIENT_NOTIFICATION_KINDS).join(', ')}` })
  kind!: string;
  @ApiProperty({ example: 'session_summary', description: 'What the record is, to link to its screen' }) recordKind!: string;
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty({ example: 'Your therapist shared a session summary.', description: 'A plain sentence with no clinical content' })
  message!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt!: string | null;
}

export class ClientNotificationPageDto {
  @ApiProperty({ type: [ClientNotificationResponseDto] }) items!: ClientNotificationResponseDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ description: "The client's unread notifications (all pages)" }) unread!: number;
}

export class ListClientNotificationsDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only unread ones' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'unread must be true or false' })
  unread?: 'true' | 'false';
}

export class MarkedClientNotificationsDto {
  @ApiProperty({ description: 'How many notifications were unread and are now read' }) marked!: number;
}

type _Notification = Assert<SameShape<ClientNotificationView, ClientNotificationResponseDto>>;
