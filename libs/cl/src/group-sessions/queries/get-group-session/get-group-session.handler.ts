import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import type { GroupSessionView } from '../../domain/group-session.view';
import { loadGroupSession } from '../../infrastructure/group-session.repository';
import { GetGroupSessionQuery } from './get-group-session.query';

@QueryHandler(GetGroupSessionQuery)
@TenantUseCase(GetGroupSessionQuery, { audit: { action: 'group-session.read', resource: 'group_session', id: (q) => q.sessionId } })
export class GetGroupSessionHandler implements ClUseCaseHandler<GetGroupSessionQuery, GroupSessionView | null> {
  async execute({ sessionId }: GetGroupSessionQuery, { ctx, tx, audit }: ClUseCase): Promise<GroupSessionView | null> {
    const loaded = await loadGroupSession(tx, ctx.organizationId, sessionId);
    if (!loaded) return null;
    audit.scope(loaded.auditScope);
    return loaded.view;
  }
}
