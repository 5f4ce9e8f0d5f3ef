import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { ShareSessionSummaryHandler } from './commands/share-session-summary/share-session-summary.handler';
import { SummariesController } from './http/summaries.controller';
import { SessionSummaryPdfService } from './infrastructure/session-summary-pdf.service';
import { DownloadSessionSummaryHandler } from './queries/download-session-summary/download-session-summary.handler';
import { GetSessionSummaryHandler } from './queries/get-session-summary/get-session-summary.handler';
import { ListSessionSummariesHandler } from './queries/list-session-summaries/list-session-summaries.handler';
import { ListShareableSessionsHandler } from './queries/list-shareable-sessions/list-shareable-sessions.handler';

/** Session summaries: the therapist shares, the client reads and downloads a PDF. */
@Module({
  imports: [CqrsModule],
  controllers: [SummariesController],
  providers: [
    SessionSummaryPdfService,
    ShareSessionSummaryHandler,
    ListSessionSummariesHandler,
    ListShareableSessionsHandler,
    DownloadSessionSummaryHandler,
    GetSessionSummaryHandler,
  ],
})
export class SummariesModule {}
