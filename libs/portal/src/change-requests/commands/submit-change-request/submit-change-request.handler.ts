import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { ConflictError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { OPEN_CHANGE_REQUEST_STATUSES } from '../../domain/change-request.rules';
import { ChangeRequestView, toChangeRequestView } from '../../domain/change-request.view';
import { SubmitChangeRequestCommand } from './submit-change-request.command';

/**
 * One open request per client (the unique index po_change_requests_one_open decides races: a 409 too). No
 * notification: a sensitive request must reach no therapist, and a portal admin finds every request in the list.
 */
@CommandHandler(SubmitChangeRequestCommand)
@TenantUseCase(SubmitChangeRequestCommand, {
  audit: { action: 'portal.change-request.submit', resource: 'therapist_change_request', patient: (c) => c.patientId },
})
export class SubmitChangeRequestHandler implements PortalUseCaseHandler<SubmitChangeRequestCommand, ChangeRequestView> {
  async execute(cmd: SubmitChangeRequestCommand, { ctx, tx, audit }: PortalUseCase): Promise<ChangeRequestView> {
    const organizationId = ctx.organizationId;
    const open = await tx.therapistChangeRequest.findFirst({
      where: { organizationId, patientId: cmd.patientId, status: { in: [...OPEN_CHANGE_REQUEST_STATUSES] } },
      select: { id: true },
    });
    if (open)
      throw audit.refuse(
        'open_request_exists',
        new ConflictError('You already have a therapist change request waiting for a decision.'),
        'failure',
        { openRequestId: open.id },
      );
    const row = await tx.therapistChangeRequest.create({
      data: { organizationId, id: randomUUID(), patientId: cmd.patientId, reason: cmd.reason, sharedWithClinician: !cmd.sensitive },
    });
    audit.set({ resourceId: row.id }).scope({ sensitive: cmd.sensitive });
    return toChangeRequestView(row);
  }
}
