import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { loadGroupSession } from '../../group-session-reader';
import type { GroupSessionView } from '../../group-session.view';
import { GetGroupSessionQuery } from './get-group-session.query';

@QueryHandler(GetGroupSessionQuery)
export class GetGroupSessionHandler implements IQueryHandler<GetGroupSessionQuery, GroupSessionView | null> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ sessionId }: GetGroupSessionQuery): Promise<GroupSessionView | null> {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      const loaded = await loadGroupSession(this.txHost.tx, ctx.organizationId, sessionId);
      await this.audit.record({
        action: 'group-session.read', resourceType: 'group_session', resourceId: sessionId, outcome: loaded ? 'success' : 'not_found',
        ...(loaded ? { scope: loaded.auditScope } : {}),
      });
      return loaded?.view ?? null;
    });
  }
}
