import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { MarkAllClientNotificationsReadHandler } from './commands/mark-all-client-notifications-read/mark-all-client-notifications-read.handler';
import { MarkClientNotificationReadHandler } from './commands/mark-client-notification-read/mark-client-notification-read.handler';
import { MarkPortalNotificationReadHandler } from './commands/mark-portal-notification-read/mark-portal-notification-read.handler';
import { RecordClientNotificationHandler } from './commands/record-client-notification/record-client-notification.handler';
import { RecordPortalNotificationHandler } from './commands/record-portal-notification/record-portal-notification.handler';
import { ClientNotificationsController } from './http/client-notifications.controller';
import { PortalNotificationsController } from './http/portal-notifications.controller';
import { PortalNotificationStream } from './infrastructure/portal-notification-stream.service';
import { PortalNotificationRepository } from './infrastructure/portal-notification.repository';
import { ListClientNotificationsHandler } from './queries/list-client-notifications/list-client-notifications.handler';
import { ListPortalNotificationsHandler } from './queries/list-portal-notifications/list-portal-notifications.handler';

/**
 * Notifications both ways. Clinicians (seed §5 "Portal -> EHR"): other features send RecordPortalNotificationCommand
 * on the bus in their client use case; clinicians list, mark and stream them. Clients (issue 20): the features that
 * make a record for the client send RecordClientNotificationCommand in their staff (or system) use case; the client
 * lists and marks them.
 */
@Module({
  imports: [CqrsModule],
  controllers: [PortalNotificationsController, ClientNotificationsController],
  providers: [
    PortalNotificationRepository,
    PortalNotificationStream,
    RecordPortalNotificationHandler,
    MarkPortalNotificationReadHandler,
    ListPortalNotificationsHandler,
    RecordClientNotificationHandler,
    MarkClientNotificationReadHandler,
    MarkAllClientNotificationsReadHandler,
    ListClientNotificationsHandler,
  ],
})
export class NotificationsModule {}
