import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { MarkAllClientNotificationsReadCommand } from './mark-all-client-notifications-read.command';

@CommandHandler(MarkAllClientNotificationsReadCommand)
@TenantUseCase(MarkAllClientNotificationsReadCommand, {
  audit: { action: 'portal.client-notification.mark-all', resource: 'portal_client_notification', patient: (c) => c.patientId },
})
export class MarkAllClientNotificationsReadHandler implements PortalUseCaseHandler<
  MarkAllClientNotificationsReadCommand,
  { marked: number }
> {
  async execute({ patientId }: MarkAllClientNotificationsReadCommand, { ctx, tx, audit }: PortalUseCase): Promise<{ marked: number }> {
    const { count } = await tx.clientNotification.updateMany({
      where: { organizationId: ctx.organizationId, patientId, readAt: null },
      data: { readAt: new Date() },
    });
    audit.scope({ marked: count });
    return { marked: count };
  }
}
