import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { GroupView, toGroupView } from '../../domain/group-session.view';
import { GetGroupQuery } from './get-group.query';

@QueryHandler(GetGroupQuery)
@TenantUseCase(GetGroupQuery, { audit: { action: 'group.read', resource: 'group', id: (q) => q.groupId } })
export class GetGroupHandler implements ClUseCaseHandler<GetGroupQuery, GroupView | null> {
  async execute({ groupId }: GetGroupQuery, { ctx, tx }: ClUseCase): Promise<GroupView | null> {
    const group = await tx.group.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id: groupId } } });
    return group ? toGroupView(group) : null;
  }
}
