import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import { GetHomeworkSectionQuery } from '../../../homework/queries/get-homework-section/get-homework-section.query';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { SessionPrepBriefView, toSessionPrepView } from '../../domain/session-prep.view';
import { SessionPrepRepository } from '../../infrastructure/session-prep.repository';
import { GetSessionPrepQuery } from './get-session-prep.query';

@QueryHandler(GetSessionPrepQuery)
@TenantUseCase(GetSessionPrepQuery, {
  audit: { action: 'portal.session-prep.read', resource: 'session_prep', id: (q) => q.appointmentId, patient: (q) => q.patientId },
})
export class GetSessionPrepHandler implements PortalUseCaseHandler<GetSessionPrepQuery, SessionPrepBriefView | null> {
  constructor(
    private readonly queries: QueryBus,
    private readonly repo: SessionPrepRepository,
  ) {}

  async execute(
    { patientId, appointmentId }: GetSessionPrepQuery,
    { ctx, tx, audit }: PortalUseCase,
  ): Promise<SessionPrepBriefView | null> {
    const relationship = await this.queries.execute(new GetPortalRelationshipQuery(patientId));
    if (relationship === null || relationship === 'client') return null;
    const organizationId = ctx.organizationId;
    const prep = await tx.sessionPrep.findFirst({ where: { organizationId, patientId, appointmentId } });
    const mood = await this.repo.recentMood(tx, organizationId, patientId, new Date());
    const homework = await this.queries.execute(new GetHomeworkSectionQuery(patientId));
    audit.scope({ as: relationship, withPrep: prep !== null, urgent: prep?.urgentConcern != null });
    return { appointmentId, prep: prep ? toSessionPrepView(prep) : null, ...mood, homework };
  }
}
