import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import { FileStorage, OpenedFile } from '../../../files/domain/file-storage.port';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { DownloadInsuranceCardImageQuery } from './download-insurance-card-image.query';

@QueryHandler(DownloadInsuranceCardImageQuery)
@TenantUseCase(DownloadInsuranceCardImageQuery, {
  audit: { action: 'portal.insurance-card.image.download', resource: 'insurance_card', id: (q) => q.insuranceCardId },
})
export class DownloadInsuranceCardImageHandler implements PortalUseCaseHandler<DownloadInsuranceCardImageQuery, OpenedFile | null> {
  constructor(private readonly storage: FileStorage) {}

  async execute(q: DownloadInsuranceCardImageQuery, { ctx, tx, audit }: PortalUseCase): Promise<OpenedFile | null> {
    const card = await tx.insuranceCard.findFirst({
      where: { organizationId: ctx.organizationId, id: q.insuranceCardId, patientId: q.patientId },
    });
    const fileId = q.side === 'front' ? card?.frontFileId : card?.backFileId;
    if (!card || !fileId) return null;
    const opened = await this.storage.open(tx, ctx.organizationId, fileId);
    if (!opened || opened.file.patientId !== card.patientId) return null;
    audit.set({ patientId: card.patientId }).scope({ side: q.side, fileId, contentType: opened.file.contentType });
    return opened;
  }
}
