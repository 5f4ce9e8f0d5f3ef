import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, QueryBus } from '@nestjs/cqrs';

import { ConflictError, InvalidInputError, NotFoundError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { FileStorage } from '../../../files/domain/file-storage.port';
import { RecordClientNotificationCommand } from '../../../notifications/commands/record-client-notification/record-client-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import {
  GetPortalRelationshipQuery,
  staffWrites,
} from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { checkResourceUrl } from '../../domain/resource.rules';
import { ResourceView, toResourceView } from '../../domain/resource.view';
import { RecommendResourceCommand } from './recommend-resource.command';

@CommandHandler(RecommendResourceCommand)
@TenantUseCase(RecommendResourceCommand, {
  audit: { action: 'portal.resource.recommend', resource: 'portal_resource', patient: (c) => c.patientId },
})
export class RecommendResourceHandler implements PortalUseCaseHandler<RecommendResourceCommand, ResourceView> {
  constructor(
    private readonly queries: QueryBus,
    private readonly storage: FileStorage,
    private readonly commands: CommandBus,
  ) {}

  async execute(cmd: RecommendResourceCommand, { ctx, tx, audit }: PortalUseCase): Promise<ResourceView> {
    if ((cmd.url === null) === (cmd.fileId === null)) {
      const message = 'exactly one of url and fileId is required';
      throw new InvalidInputError(message, [{ field: cmd.url === null ? 'url' : 'fileId', message }]);
    }
    const url = cmd.url === null ? null : checkResourceUrl(cmd.url);
    if (url && !url.ok) throw new InvalidInputError(url.message, [{ field: 'url', message: url.message }]);
    const organizationId = ctx.organizationId;
    if (!staffWrites(await this.queries.execute(new GetPortalRelationshipQuery(cmd.patientId))))
      throw new NotFoundError('No patient with that id in your scope.');
    if (cmd.fileId) {
      // A file uploaded for this client and not yet used by another record (a file is one patient's record).
      const opened = await this.storage.open(tx, organizationId, cmd.fileId);
      const problem =
        !opened || opened.file.patientId !== cmd.patientId
          ? 'fileId must name a file uploaded for this client'
          : opened.file.ownerId !== null
            ? 'fileId names a file already attached to another record'
            : null;
      if (problem) throw new InvalidInputError(problem, [{ field: 'fileId', message: problem }]);
    }
    const id = randomUUID();
    const row = await tx.portalResource.create({
      data: {
        organizationId,
        id,
        patientId: cmd.patientId,
        kind: cmd.fileId ? 'file' : 'link',
        title: cmd.title,
        description: cmd.description,
        url: url && url.ok ? url.url : null,
        fileId: cmd.fileId,
        assignedBy: ctx.userId,
      },
    });
    if (cmd.fileId && !(await this.storage.attach(tx, organizationId, cmd.fileId, { kind: 'resource', id, sharedWithClinician: true })))
      throw new ConflictError('The file was attached to another record meanwhile.');
    await this.commands.execute(new RecordClientNotificationCommand(cmd.patientId, 'resource.recommended', row.id));
    audit.set({ resourceId: row.id }).scope({ kind: row.kind });
    return toResourceView(row);
  }
}
