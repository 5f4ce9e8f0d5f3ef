import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { ForbiddenError, RuleViolationError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { GroupView, toGroupView } from '../../domain/group-session.view';
import { assertFacilitators } from '../../infrastructure/facilitator.repository';
import { CreateGroupCommand } from './create-group.command';

@CommandHandler(CreateGroupCommand)
@TenantUseCase(CreateGroupCommand, { audit: { action: 'group.create', resource: 'group' } })
export class CreateGroupHandler implements ClUseCaseHandler<CreateGroupCommand, GroupView> {
  async execute({ input }: CreateGroupCommand, { ctx, tx, audit }: ClUseCase): Promise<GroupView> {
    // Not audited, as before: the caller's own site scope answers it before any read.
    if (ctx.siteIds !== 'all' && !ctx.siteIds.includes(input.siteId)) throw new ForbiddenError('You do not manage groups at this site.');
    const site = await tx.site.findUnique({
      where: { organizationId_id: { organizationId: ctx.organizationId, id: input.siteId } },
      select: { id: true },
    });
    if (!site)
      throw new RuleViolationError('siteId is not a site of this organization.', [
        { field: 'siteId', message: 'siteId is not a site of this organization' },
      ]);
    const facilitatorIds = await assertFacilitators(tx, ctx.organizationId, input.siteId, input.facilitatorIds);
    const group = await tx.group.create({
      data: {
        organizationId: ctx.organizationId,
        id: randomUUID(),
        siteId: input.siteId,
        name: input.name.trim(),
        groupType: input.groupType,
        sudProgram: input.sudProgram,
        defaultModality: input.defaultModality ?? 'in_person',
        facilitatorIds,
        createdBy: ctx.userId,
      },
    });
    audit
      .set({ resourceId: group.id })
      .scope({ siteId: group.siteId, groupType: group.groupType, sudProgram: group.sudProgram, facilitatorIds });
    return toGroupView(group);
  }
}
