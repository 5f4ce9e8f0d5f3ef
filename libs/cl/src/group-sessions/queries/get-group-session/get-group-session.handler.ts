import { QueryHandler } from '@nestjs/cqrs';
import { TenantUseCase } from '@cairn/platform/use-case';
import { loadGroupSession } from '../../infrastructure/group-session.repository';
import type { GroupSessionView } from '../../domain/group-session.view';
import { GetGroupSessionQuery } from './get-group-session.query';
import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';

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
