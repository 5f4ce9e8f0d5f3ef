import { CommandBus, CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordClientNotificationCommand } from '../../../notifications/commands/record-client-notification/record-client-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { ChangeRequestView, toChangeRequestView } from '../../domain/change-request.view';
import { ChangeRequestRepository } from '../../infrastructure/change-request.repository';
import { DenyChangeRequestCommand } from './deny-change-request.command';

@CommandHandler(DenyChangeRequestCommand)
@TenantUseCase(DenyChangeRequestCommand, {
  audit: { action: 'portal.change-request.deny', resource: 'therapist_change_request', id: (c) => c.changeRequestId },
})
export class DenyChangeRequestHandler implements PortalUseCaseHandler<DenyChangeRequestCommand, ChangeRequestView | null> {
  constructor(
    private readonly repo: ChangeRequestRepository,
    private readonly commands: CommandBus,
  ) {}

  async execute(cmd: DenyChangeRequestCommand, { ctx, tx, audit }: PortalUseCase): Promise<ChangeRequestView | null> {
    const found = await this.repo.forAdmin(tx, audit, ctx.organizationId, cmd.changeRequestId, 'deny');
    if (!found) return null;
    const row = await this.repo.move(tx, audit, found.row, {
      status: found.status,
      decidedAt: new Date(),
      decidedBy: ctx.userId,
      denialReason: cmd.reason,
    });
    await this.commands.execute(new RecordClientNotificationCommand(row.patientId, 'change_request.denied', row.id));
    return toChangeRequestView(row);
  }
}
