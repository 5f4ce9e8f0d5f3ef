import { CommandHandler, QueryBus } from '@nestjs/cqrs';

import { InvalidInputError, NotFoundError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { cleanFileName, uploadProblems } from '../../domain/content-type.rules';
import { FileStorage, PortalFileView } from '../../domain/file-storage.port';
import { UploadPortalFileCommand } from './upload-portal-file.command';

/** Files not yet referenced by a record. */
export const UNATTACHED = 'unattached';

/**
 * Checks the bytes (size, and the content type they are, not the one claimed) and stores the file through the
 * storage port. The client uploads for itself; staff for a patient they are the primary therapist of, or as a
 * portal admin: anyone else gets 404, as if the patient did not exist (the row policy refuses the write anyway).
 */
@CommandHandler(UploadPortalFileCommand)
@TenantUseCase(UploadPortalFileCommand, { audit: { action: 'portal.file.upload', resource: 'portal_file', patient: (c) => c.patientId } })
export class UploadPortalFileHandler implements PortalUseCaseHandler<UploadPortalFileCommand, PortalFileView> {
  constructor(
    private readonly queries: QueryBus,
    private readonly storage: FileStorage,
  ) {}

  async execute(cmd: UploadPortalFileCommand, { ctx, tx, audit }: PortalUseCase): Promise<PortalFileView> {
    const relationship = await this.queries.execute(new GetPortalRelationshipQuery(cmd.patientId));
    if (!relationship) throw new NotFoundError('No patient with that id in your scope.');
    const { problems, contentType } = uploadProblems(cmd.content);
    if (problems.length > 0 || !contentType || !cmd.content)
      throw new InvalidInputError(problems[0]?.message ?? 'file is not acceptable', problems);
    const file = await this.storage.store(tx, {
      organizationId: ctx.organizationId,
      patientId: cmd.patientId,
      fileName: cleanFileName(cmd.fileName),
      contentType,
      content: cmd.content,
      ownerKind: UNATTACHED,
      sharedWithClinician: relationship === 'client' ? cmd.sharedWithClinician : true,
      createdByKind: relationship === 'client' ? 'client' : 'staff',
      createdBy: ctx.userId,
    });
    audit.set({ resourceId: file.fileId }).scope({ contentType, byteSize: file.byteSize, by: relationship });
    return file;
  }
}
