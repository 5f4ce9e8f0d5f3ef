import { QueryHandler } from '@nestjs/cqrs';
import { TenantUseCase, TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';
import { loadGroupSession } from '../../group-session-reader';
import type { GroupSessionView } from '../../group-session.view';
import { GetGroupSessionQuery } from './get-group-session.query';

@QueryHandler(GetGroupSessionQuery)
@TenantUseCase(GetGroupSessionQuery, { audit: { action: 'group-session.read', resource: 'group_session', id: (q) => q.sessionId } })
export class GetGroupSessionHandler implements TenantUseCaseHandler<GetGroupSessionQuery, GroupSessionView | null> {
  async execute({ sessionId }: GetGroupSessionQuery, { ctx, tx, audit }: UseCase): Promise<GroupSessionView | null> {
    const loaded = await loadGroupSession(tx, ctx.organizationId, sessionId);
    if (!loaded) return null;
    audit.scope(loaded.auditScope);
    return loaded.view;
  }
}
