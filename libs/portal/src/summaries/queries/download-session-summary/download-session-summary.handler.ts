import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { summaryFileName, toSessionSummaryView } from '../../domain/session-summary.view';
import { SessionSummaryPdfService } from '../../infrastructure/session-summary-pdf.service';
import { DownloadSessionSummaryQuery, SessionSummaryDownload } from './download-session-summary.query';

@QueryHandler(DownloadSessionSummaryQuery)
@TenantUseCase(DownloadSessionSummaryQuery, {
  audit: { action: 'portal.session-summary.download', resource: 'session_summary', id: (q) => q.summaryId, patient: (q) => q.patientId },
})
export class DownloadSessionSummaryHandler implements PortalUseCaseHandler<DownloadSessionSummaryQuery, SessionSummaryDownload | null> {
  constructor(private readonly pdf: SessionSummaryPdfService) {}

  async execute(
    { patientId, summaryId }: DownloadSessionSummaryQuery,
    { ctx, tx, audit }: PortalUseCase,
  ): Promise<SessionSummaryDownload | null> {
    const organizationId = ctx.organizationId;
    // The row policy shows the client only its own; the patient filter answers 404 for anything else.
    const row = await tx.sessionSummary.findFirst({ where: { organizationId, id: summaryId, patientId } });
    if (!row) return null;
    const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { name: true } });
    const view = toSessionSummaryView(row);
    const content = await this.pdf.render(view, org?.name ?? 'Your practice');
    audit.scope({ format: 'pdf', bytes: content.length });
    return { fileName: summaryFileName(view), content };
  }
}
