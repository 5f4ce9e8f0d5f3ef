import { CommandBus, CommandHandler } from '@nestjs/cqrs';

import { AssignPrimaryTherapistCommand } from '@cairn/platform/clinical';
import { InvalidInputError, NotFoundError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordClientNotificationCommand } from '../../../notifications/commands/record-client-notification/record-client-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { ChangeRequestView, toChangeRequestView } from '../../domain/change-request.view';
import { ChangeRequestRepository } from '../../infrastructure/change-request.repository';
import { ApproveChangeRequestCommand } from './approve-change-request.command';

/**
 * The reassignment goes through CL's platform contract on the command bus, which joins this use case's transaction:
 * the request is approved and the care team changed together, or neither. The row policies read today's care team,
 * so the new therapist sees the client's portal rows and the former one no longer does as soon as this commits.
 */
@CommandHandler(ApproveChangeRequestCommand)
@TenantUseCase(ApproveChangeRequestCommand, {
  audit: { action: 'portal.change-request.approve', resource: 'therapist_change_request', id: (c) => c.changeRequestId },
})
export class ApproveChangeRequestHandler implements PortalUseCaseHandler<ApproveChangeRequestCommand, ChangeRequestView | null> {
  constructor(
    private readonly repo: ChangeRequestRepository,
    private readonly commands: CommandBus,
  ) {}

  async execute(cmd: ApproveChangeRequestCommand, { ctx, tx, audit }: PortalUseCase): Promise<ChangeRequestView | null> {
    const found = await this.repo.forAdmin(tx, audit, ctx.organizationId, cmd.changeRequestId, 'approve');
    if (!found) return null;
    const row = await this.repo.move(tx, audit, found.row, {
      status: found.status,
      decidedAt: new Date(),
      decidedBy: ctx.userId,
      newTherapistId: cmd.newTherapistId,
    });
    const assigned = await this.commands.execute(
      new AssignPrimaryTherapistCommand(row.patientId, cmd.newTherapistId, { kind: 'therapist_change_request', id: row.id }),
    );
    switch (assigned.outcome) {
      case 'assigned':
        await this.commands.execute(new RecordClientNotificationCommand(row.patientId, 'change_request.approved', row.id));
        audit.scope({ careTeamAssignmentId: assigned.assignmentId, newTherapistId: cmd.newTherapistId });
        return toChangeRequestView(row);
      case 'patient_not_found':
        throw new NotFoundError('No change request with that id in your scope.');
      case 'not_staff':
        throw new InvalidInputError('newTherapistId is not a staff member of this organization', [
          { field: 'newTherapistId', message: 'must be an active staff member of this organization' },
        ]);
      case 'already_primary':
        throw new InvalidInputError('newTherapistId is already the primary therapist', [
          { field: 'newTherapistId', message: 'is already the primary therapist of this client' },
        ]);
    }
  }
}
