import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { ConflictError, InvalidInputError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { FileStorage } from '../../../files/domain/file-storage.port';
import type { PortalTx, PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { CARD_IMAGE_TYPES, InsuranceCardView, toInsuranceCardView } from '../../domain/insurance-card.view';
import { AddInsuranceCardCommand } from './add-insurance-card.command';

/**
 * The photos are files the client uploaded for themselves, not yet attached, and images by their bytes; attaching
 * makes them the card's (owner 'insurance_card', not shared with the clinician whatever the upload said), which is
 * what lets billing staff open them (po_files' billing policy) and keeps them from the therapist.
 */
@CommandHandler(AddInsuranceCardCommand)
@TenantUseCase(AddInsuranceCardCommand, {
  audit: { action: 'portal.insurance-card.add', resource: 'insurance_card', patient: (c) => c.patientId },
})
export class AddInsuranceCardHandler implements PortalUseCaseHandler<AddInsuranceCardCommand, InsuranceCardView> {
  constructor(private readonly storage: FileStorage) {}

  async execute(cmd: AddInsuranceCardCommand, { ctx, tx, audit }: PortalUseCase): Promise<InsuranceCardView> {
    const organizationId = ctx.organizationId;
    if (cmd.backFileId !== null && cmd.backFileId === cmd.frontFileId)
      throw new InvalidInputError('backFileId must differ from frontFileId', [
        { field: 'backFileId', message: 'must differ from frontFileId' },
      ]);
    await this.checkImage(tx, organizationId, cmd.patientId, cmd.frontFileId, 'frontFileId');
    if (cmd.backFileId !== null) await this.checkImage(tx, organizationId, cmd.patientId, cmd.backFileId, 'backFileId');
    const row = await tx.insuranceCard.create({
      data: {
        organizationId,
        id: randomUUID(),
        patientId: cmd.patientId,
        payerName: cmd.payerName,
        memberId: cmd.memberId,
        groupNumber: cmd.groupNumber,
        frontFileId: cmd.frontFileId,
        backFileId: cmd.backFileId,
      },
    });
    for (const fileId of [cmd.frontFileId, cmd.backFileId])
      if (
        fileId &&
        !(await this.storage.attach(tx, organizationId, fileId, { kind: 'insurance_card', id: row.id, sharedWithClinician: false }))
      )
        throw new ConflictError('The file was attached to another record meanwhile.');
    audit.set({ resourceId: row.id }).scope({ withBack: cmd.backFileId !== null, withGroupNumber: cmd.groupNumber !== null });
    return toInsuranceCardView(row);
  }

  private async checkImage(tx: PortalTx, organizationId: string, patientId: string, fileId: string, field: string): Promise<void> {
    const opened = await this.storage.open(tx, organizationId, fileId);
    const problem =
      !opened || opened.file.patientId !== patientId
        ? `${field} must name a file you uploaded`
        : opened.file.ownerId !== null
          ? `${field} names a file already attached to another record`
          : !CARD_IMAGE_TYPES.includes(opened.file.contentType)
            ? `${field} must be an image (PNG, JPEG, WebP or GIF), not ${opened.file.contentType}`
            : null;
    if (problem) throw new InvalidInputError(problem, [{ field, message: problem }]);
  }
}
