import { Query } from '@nestjs/cqrs';

import type { OpenedFile } from '../../domain/file-storage.port';

/** A file's bytes, for the client or staff the row policy shows it to (`patientId` when the route names one). */
export class DownloadPortalFileQuery extends Query<OpenedFile | null> {
  constructor(
    readonly fileId: string,
    readonly patientId?: string,
  ) {
    super();
  }
}
