import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { FileStorage, OpenedFile } from '../../domain/file-storage.port';
import { DownloadPortalFileQuery } from './download-portal-file.query';

/** Every download is audited (who, which file, whose): the row policy decides whether there is anything to send. */
@QueryHandler(DownloadPortalFileQuery)
@TenantUseCase(DownloadPortalFileQuery, { audit: { action: 'portal.file.download', resource: 'portal_file', id: (q) => q.fileId } })
export class DownloadPortalFileHandler implements PortalUseCaseHandler<DownloadPortalFileQuery, OpenedFile | null> {
  constructor(private readonly storage: FileStorage) {}

  async execute({ fileId, patientId }: DownloadPortalFileQuery, { ctx, tx, audit }: PortalUseCase): Promise<OpenedFile | null> {
    const opened = await this.storage.open(tx, ctx.organizationId, fileId);
    if (!opened || (patientId && opened.file.patientId !== patientId)) return null;
    audit.set({ patientId: opened.file.patientId }).scope({ contentType: opened.file.contentType, byteSize: opened.file.byteSize });
    return opened;
  }
}
