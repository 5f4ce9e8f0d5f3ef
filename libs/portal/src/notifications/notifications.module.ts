import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { MarkPortalNotificationReadHandler } from './commands/mark-portal-notification-read/mark-portal-notification-read.handler';
import { RecordPortalNotificationHandler } from './commands/record-portal-notification/record-portal-notification.handler';
import { PortalNotificationsController } from './http/portal-notifications.controller';
import { PortalNotificationStream } from './infrastructure/portal-notification-stream.service';
import { PortalNotificationRepository } from './infrastructure/portal-notification.repository';
import { ListPortalNotificationsHandler } from './queries/list-portal-notifications/list-portal-notifications.handler';

/**
 * Clinician notifications of portal activity (seed §5 "Portal -> EHR"): other features send
 * RecordPortalNotificationCommand on the bus in their client use case; clinicians list, mark and stream them.
 */
@Module({
  imports: [CqrsModule],
  controllers: [PortalNotificationsController],
  providers: [
    PortalNotificationRepository,
    PortalNotificationStream,
    RecordPortalNotificationHandler,
    MarkPortalNotificationReadHandler,
    ListPortalNotificationsHandler,
  ],
})
export class NotificationsModule {}
