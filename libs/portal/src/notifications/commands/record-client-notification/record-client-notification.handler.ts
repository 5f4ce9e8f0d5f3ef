import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { CLIENT_NOTIFICATION_KINDS } from '../../domain/client-notification.rules';
import { RecordClientNotificationCommand } from './record-client-notification.command';

@CommandHandler(RecordClientNotificationCommand)
@TenantUseCase(RecordClientNotificationCommand, {
  audit: false,
  reason: "written inside the staff member's own audited use case (its row names the record); it holds ids only",
})
export class RecordClientNotificationHandler implements PortalUseCaseHandler<RecordClientNotificationCommand, { notificationId: string }> {
  async execute(cmd: RecordClientNotificationCommand, { ctx, tx }: PortalUseCase): Promise<{ notificationId: string }> {
    const id = randomUUID();
    // createMany: an INSERT without RETURNING. The writer (the therapist) may write the client's feed but not read
    // it (the read rule is the client's and the portal admins'), and RETURNING would need the read rule.
    await tx.clientNotification.createMany({
      data: [
        {
          organizationId: ctx.organizationId,
          id,
          patientId: cmd.patientId,
          kind: cmd.kind,
          recordKind: CLIENT_NOTIFICATION_KINDS[cmd.kind].recordKind,
          recordId: cmd.recordId,
        },
      ],
    });
    return { notificationId: id };
  }
}
