import { CommandBus, CommandHandler } from '@nestjs/cqrs';

import { ConflictError, ForbiddenError } from '@cairn/platform/kernel';
import { ErasePatientPortalDataCommand, PatientPortalDataErased } from '@cairn/platform/portal';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import type { PatientDeletionView } from '../../domain/patient-deletion.view';
import { DELETED_PATIENT_STATUS, deletionRefusal } from '../../domain/patient.rules';
import { DeletePatientCommand } from './delete-patient.command';

const REFUSAL_DETAIL = {
  patient_active: 'The patient is active: discharge them or mark them inactive before deleting them.',
  already_deleted: 'The patient is deleted already.',
} as const;

/**
 * Deletes a patient (ADR 0018), in one transaction: the portal erases every portal row and file of the patient
 * through the platform contract (CL never names the portal's tables), then CL closes the patient (`deleted`). The
 * chart and clinical records stay for their retention period. The status change is conditional on the status read,
 * so a concurrent deletion or status change answers 409 and the whole transaction, erasure included, rolls back.
 */
@CommandHandler(DeletePatientCommand)
@TenantUseCase(DeletePatientCommand, {
  audit: { action: 'patient.delete', resource: 'patient', id: (c) => c.patientId, patient: (c) => c.patientId },
})
export class DeletePatientHandler implements ClUseCaseHandler<DeletePatientCommand, PatientDeletionView | null> {
  constructor(private readonly commands: CommandBus) {}

  async execute({ patientId }: DeletePatientCommand, { ctx, tx, audit }: ClUseCase): Promise<PatientDeletionView | null> {
    const organizationId = ctx.organizationId;
    const patient = await tx.patient.findUnique({
      where: { organizationId_id: { organizationId, id: patientId } },
      select: { status: true },
    });
    if (!patient) return null;
    const previousStatus = patient.status;
    const refusal = deletionRefusal(previousStatus);
    if (refusal) throw audit.refuse(refusal, new ConflictError(REFUSAL_DETAIL[refusal]), 'denied', { previousStatus });

    let erased: PatientPortalDataErased | null;
    try {
      erased = await this.commands.execute(new ErasePatientPortalDataCommand(patientId));
    } catch (e) {
      if (e instanceof ForbiddenError) throw audit.refuse('permission_required', e, 'denied');
      throw e;
    }
    if (!erased) return null;

    const { count } = await tx.patient.updateMany({
      where: { organizationId, id: patientId, status: previousStatus },
      data: { status: DELETED_PATIENT_STATUS, updatedAt: new Date() },
    });
    if (count !== 1) {
      throw audit.refuse('changed_meanwhile', new ConflictError("The patient's status changed meanwhile; nothing was deleted."), 'denied');
    }
    audit.scope({ previousStatus, portalRowsErased: erased.rowsErased });
    return {
      patientId,
      status: DELETED_PATIENT_STATUS,
      previousStatus,
      portalRowsErased: erased.rowsErased,
      portalRowsErasedByTable: erased.rowsErasedByTable,
    };
  }
}
