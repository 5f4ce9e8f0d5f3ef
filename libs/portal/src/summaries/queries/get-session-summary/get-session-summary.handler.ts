import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { SessionSummaryView, toSessionSummaryView } from '../../domain/session-summary.view';
import { GetSessionSummaryQuery } from './get-session-summary.query';

@QueryHandler(GetSessionSummaryQuery)
@TenantUseCase(GetSessionSummaryQuery, {
  audit: { action: 'portal.session-summary.view', resource: 'session_summary', id: (q) => q.summaryId, patient: (q) => q.patientId },
})
export class GetSessionSummaryHandler implements PortalUseCaseHandler<GetSessionSummaryQuery, SessionSummaryView | null> {
  async execute({ patientId, summaryId }: GetSessionSummaryQuery, { ctx, tx }: PortalUseCase): Promise<SessionSummaryView | null> {
    // The row policy shows the client only its own; the patient filter answers 404 for anything else.
    const row = await tx.sessionSummary.findFirst({ where: { organizationId: ctx.organizationId, id: summaryId, patientId } });
    return row ? toSessionSummaryView(row) : null;
  }
}
