import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, QueryBus } from '@nestjs/cqrs';

import { NotFoundError, RuleViolationError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordClientNotificationCommand } from '../../../notifications/commands/record-client-notification/record-client-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import {
  GetPortalRelationshipQuery,
  staffWrites,
} from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { ResourceView, toResourceView } from '../../domain/resource.view';
import { AssignExistingResourceCommand } from './assign-existing-resource.command';

@CommandHandler(AssignExistingResourceCommand)
@TenantUseCase(AssignExistingResourceCommand, {
  audit: { action: 'portal.resource.assign', resource: 'portal_resource', patient: (c) => c.patientId },
})
export class AssignExistingResourceHandler implements PortalUseCaseHandler<AssignExistingResourceCommand, ResourceView | null> {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  async execute(cmd: AssignExistingResourceCommand, { ctx, tx, audit }: PortalUseCase): Promise<ResourceView | null> {
    const organizationId = ctx.organizationId;
    if (!staffWrites(await this.queries.execute(new GetPortalRelationshipQuery(cmd.patientId))))
      throw new NotFoundError('No patient with that id in your scope.');
    // Row-level security: only a resource of a client the caller may see (their own clients, or any for an admin).
    const source = await tx.portalResource.findFirst({ where: { organizationId, id: cmd.resourceId } });
    if (!source) return null;
    // A file is the source client's record (its bytes live under that client's row policy and erasure): not copied.
    if (source.kind !== 'link' || !source.url)
      throw new RuleViolationError('Only a link can be recommended again; upload the file for this client instead.');
    const existing = await tx.portalResource.findFirst({
      where: { organizationId, patientId: cmd.patientId, kind: 'link', url: source.url, withdrawnAt: null },
    });
    if (existing) {
      audit.set({ resourceId: existing.id }).scope({ alreadyRecommended: true });
      return toResourceView(existing);
    }
    const row = await tx.portalResource.create({
      data: {
        organizationId,
        id: randomUUID(),
        patientId: cmd.patientId,
        kind: 'link',
        title: source.title,
        description: source.description,
        url: source.url,
        assignedBy: ctx.userId,
      },
    });
    await this.commands.execute(new RecordClientNotificationCommand(cmd.patientId, 'resource.recommended', row.id));
    audit.set({ resourceId: row.id }).scope({ copiedFrom: source.id });
    return toResourceView(row);
  }
}
