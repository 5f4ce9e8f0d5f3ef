import { Command } from '@nestjs/cqrs';

import type { PortalFileView } from '../../domain/file-storage.port';

/**
 * Store one file for a patient (the client's own upload, or staff's for their client), unattached until a record
 * references it by id (a homework submission, a resource).
 */
export class UploadPortalFileCommand extends Command<PortalFileView> {
  constructor(
    readonly patientId: string,
    readonly fileName: string | undefined,
    readonly content: Buffer | undefined,
    readonly sharedWithClinician: boolean,
  ) {
    super();
  }
}
