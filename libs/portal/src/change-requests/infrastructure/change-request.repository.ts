import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';

import { ConflictError } from '@cairn/platform/kernel';
import type { AuditScope } from '@cairn/platform/use-case';

import type { PortalRow, PortalTx } from '../../portal.tx';
import { GetPortalRelationshipQuery } from '../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { changeRequestTransition, type ChangeRequestAction, type ChangeRequestStatus } from '../domain/change-request.rules';

/** The change requests' one writer of po_change_requests after submission: the admin's moves. */
@Injectable()
export class ChangeRequestRepository {
  constructor(private readonly queries: QueryBus) {}

  /**
   * The request a portal admin acts on, and the move the action makes of it: null (404) when the row policy does not
   * show the request or the caller is not the portal's admin for its client (a primary therapist with the permission
   * through another role is refused the same way); a ConflictError, audited as denied, for an illegal move.
   */
  async forAdmin(
    tx: PortalTx,
    audit: AuditScope,
    organizationId: string,
    id: string,
    action: ChangeRequestAction,
  ): Promise<{ row: PortalRow<'therapistChangeRequest'>; status: ChangeRequestStatus } | null> {
    const row = await tx.therapistChangeRequest.findUnique({ where: { organizationId_id: { organizationId, id } } });
    if (!row) return null;
    if ((await this.queries.execute(new GetPortalRelationshipQuery(row.patientId))) !== 'admin') return null;
    audit.set({ patientId: row.patientId });
    const move = changeRequestTransition(row.status, action);
    if (!move.ok) throw audit.refuse(`status:${row.status}`, new ConflictError(move.reason));
    return { row, status: move.status };
  }

  /**
   * Writes the move only if the request is still in the state it was read in: a concurrent decision makes this a 409
   * rather than a second decision.
   */
  async move(
    tx: PortalTx,
    audit: AuditScope,
    row: PortalRow<'therapistChangeRequest'>,
    data: Partial<
      Pick<
        PortalRow<'therapistChangeRequest'>,
        'status' | 'reviewStartedAt' | 'reviewStartedBy' | 'decidedAt' | 'decidedBy' | 'newTherapistId' | 'denialReason'
      >
    >,
  ): Promise<PortalRow<'therapistChangeRequest'>> {
    const { count } = await tx.therapistChangeRequest.updateMany({
      where: { organizationId: row.organizationId, id: row.id, status: row.status },
      data,
    });
    if (count !== 1)
      throw audit.refuse('concurrent_decision', new ConflictError('The change request was moved by someone else meanwhile.'));
    return tx.therapistChangeRequest.findUniqueOrThrow({
      where: { organizationId_id: { organizationId: row.organizationId, id: row.id } },
    });
  }
}
