import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { SessionPrepView } from '../../domain/session-prep.view';
import { SessionPrepRepository } from '../../infrastructure/session-prep.repository';
import { ListSessionPrepsQuery } from './list-session-preps.query';

@QueryHandler(ListSessionPrepsQuery)
@TenantUseCase(ListSessionPrepsQuery, {
  audit: { action: 'portal.session-prep.list', resource: 'session_prep', patient: (q) => q.patientId },
})
export class ListSessionPrepsHandler implements PortalUseCaseHandler<ListSessionPrepsQuery, SessionPrepView[] | null> {
  constructor(
    private readonly queries: QueryBus,
    private readonly repo: SessionPrepRepository,
  ) {}

  async execute({ patientId }: ListSessionPrepsQuery, { ctx, tx, audit }: PortalUseCase): Promise<SessionPrepView[] | null> {
    if ((await this.queries.execute(new GetPortalRelationshipQuery(patientId))) === null) return null;
    const preps = await this.repo.upcoming(tx, ctx.organizationId, patientId, new Date());
    audit.scope({ count: preps.length });
    return preps;
  }
}
