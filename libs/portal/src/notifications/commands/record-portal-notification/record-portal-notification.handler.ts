import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { RecordPortalNotificationCommand } from './record-portal-notification.command';

@CommandHandler(RecordPortalNotificationCommand)
@TenantUseCase(RecordPortalNotificationCommand, {
  audit: false,
  reason: "written inside the client's own audited use case (its row names the record); it holds ids only",
})
export class RecordPortalNotificationHandler implements PortalUseCaseHandler<RecordPortalNotificationCommand, { notificationId: string }> {
  async execute(cmd: RecordPortalNotificationCommand, { ctx, tx }: PortalUseCase): Promise<{ notificationId: string }> {
    const id = randomUUID();
    await tx.portalNotification.create({
      data: {
        organizationId: ctx.organizationId,
        id,
        patientId: cmd.patientId,
        kind: cmd.kind,
        recordKind: cmd.recordKind,
        recordId: cmd.recordId,
      },
    });
    return { notificationId: id };
  }
}
