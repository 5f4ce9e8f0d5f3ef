import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { ClientNotificationView, toClientNotificationView } from '../../domain/client-notification.view';
import { MarkClientNotificationReadCommand } from './mark-client-notification-read.command';

/** Idempotent: a notification read already keeps its first read time. Another client's is not found (the row policy). */
@CommandHandler(MarkClientNotificationReadCommand)
@TenantUseCase(MarkClientNotificationReadCommand, {
  audit: {
    action: 'portal.client-notification.mark',
    resource: 'portal_client_notification',
    id: (c) => c.notificationId,
    patient: (c) => c.patientId,
  },
})
export class MarkClientNotificationReadHandler implements PortalUseCaseHandler<
  MarkClientNotificationReadCommand,
  ClientNotificationView | null
> {
  async execute(
    { patientId, notificationId }: MarkClientNotificationReadCommand,
    { ctx, tx }: PortalUseCase,
  ): Promise<ClientNotificationView | null> {
    const where = { organizationId: ctx.organizationId, id: notificationId, patientId };
    await tx.clientNotification.updateMany({ where: { ...where, readAt: null }, data: { readAt: new Date() } });
    const row = await tx.clientNotification.findFirst({ where });
    return row ? toClientNotificationView(row) : null;
  }
}
