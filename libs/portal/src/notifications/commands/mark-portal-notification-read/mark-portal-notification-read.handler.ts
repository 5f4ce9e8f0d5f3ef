import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { PortalNotificationView, toPortalNotificationView } from '../../domain/portal-notification.view';
import { MarkPortalNotificationReadCommand } from './mark-portal-notification-read.command';

/** Only a notification the caller's policy shows (the current primary therapist's, a portal admin's) can be marked. */
@CommandHandler(MarkPortalNotificationReadCommand)
@TenantUseCase(MarkPortalNotificationReadCommand, {
  audit: { action: 'portal.notification.mark', resource: 'portal_notification', id: (c) => c.notificationId },
})
export class MarkPortalNotificationReadHandler implements PortalUseCaseHandler<
  MarkPortalNotificationReadCommand,
  PortalNotificationView | null
> {
  async execute(
    { notificationId, read }: MarkPortalNotificationReadCommand,
    { ctx, tx, audit }: PortalUseCase,
  ): Promise<PortalNotificationView | null> {
    const key = { organizationId_id: { organizationId: ctx.organizationId, id: notificationId } };
    const found = await tx.portalNotification.findUnique({ where: key });
    if (!found) return null;
    const updated = await tx.portalNotification.update({
      where: key,
      data: read ? { readAt: found.readAt ?? new Date(), readBy: found.readBy ?? ctx.userId } : { readAt: null, readBy: null },
    });
    audit.set({ patientId: found.patientId }).scope({ read });
    return toPortalNotificationView(updated);
  }
}
