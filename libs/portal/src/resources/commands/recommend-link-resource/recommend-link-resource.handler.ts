import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { InvalidInputError, NotFoundError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { checkResourceUrl } from '../../domain/resource.rules';
import { ResourceView, toResourceView } from '../../domain/resource.view';
import { ResourcesRepository } from '../../infrastructure/resources.repository';
import { RecommendLinkResourceCommand } from './recommend-link-resource.command';

@CommandHandler(RecommendLinkResourceCommand)
@TenantUseCase(RecommendLinkResourceCommand, {
  audit: { action: 'portal.resource.recommend', resource: 'portal_resource', patient: (c) => c.patientId },
})
export class RecommendLinkResourceHandler implements PortalUseCaseHandler<RecommendLinkResourceCommand, ResourceView> {
  constructor(private readonly repo: ResourcesRepository) {}

  async execute(cmd: RecommendLinkResourceCommand, { ctx, tx, audit }: PortalUseCase): Promise<ResourceView> {
    const url = checkResourceUrl(cmd.url);
    if (!url.ok) throw new InvalidInputError(url.message, [{ field: 'url', message: url.message }]);
    const organizationId = ctx.organizationId;
    if (!(await this.repo.staffMayWrite(tx, organizationId, cmd.patientId))) throw new NotFoundError('No patient with that id in your scope.');
    const row = await tx.portalResource.create({
      data: {
        organizationId,
        id: randomUUID(),
        patientId: cmd.patientId,
        kind: 'link',
        title: cmd.title,
        description: cmd.description,
        url: url.url,
        assignedBy: ctx.userId,
      },
    });
    audit.set({ resourceId: row.id }).scope({ kind: 'link' });
    return toResourceView(row);
  }
}
