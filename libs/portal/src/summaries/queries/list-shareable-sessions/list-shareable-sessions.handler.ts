import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { ListPatientAppointmentsQuery } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import {
  GetPortalRelationshipQuery,
  staffWrites,
} from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { shareableSessions, ShareableSessionsView } from '../../domain/shareable-session.view';
import { ListShareableSessionsQuery } from './list-shareable-sessions.query';

/**
 * Only those who may share a summary see the list (the current primary therapist or a portal admin; else 404, as
 * sharing answers). The appointments come from PM over the platform contract, at the sites PM lets the caller see.
 */
@QueryHandler(ListShareableSessionsQuery)
@TenantUseCase(ListShareableSessionsQuery, {
  audit: { action: 'portal.session-summary.sessions', resource: 'appointment', patient: (q) => q.patientId },
})
export class ListShareableSessionsHandler implements PortalUseCaseHandler<ListShareableSessionsQuery, ShareableSessionsView | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId, days }: ListShareableSessionsQuery, { ctx, tx, audit }: PortalUseCase): Promise<ShareableSessionsView | null> {
    if (!staffWrites(await this.queries.execute(new GetPortalRelationshipQuery(patientId)))) return null;
    const now = new Date();
    const from = new Date(now.getTime() - days * 86_400_000);
    const appointments = await this.queries.execute(new ListPatientAppointmentsQuery(patientId, from, now));
    const ids = appointments.map((a) => a.appointmentId);
    const summaries = ids.length
      ? await tx.sessionSummary.findMany({
          where: { organizationId: ctx.organizationId, appointmentId: { in: ids } },
          select: { id: true, appointmentId: true, sharedAt: true },
        })
      : [];
    const shared = new Map(summaries.map((s) => [s.appointmentId, { summaryId: s.id, sharedAt: s.sharedAt }]));
    const sessions = shareableSessions(appointments, shared);
    audit.scope({ days, count: sessions.length, alreadyShared: sessions.filter((s) => s.summaryId !== null).length });
    return { patientId, days, from: from.toISOString(), sessions };
  }
}
