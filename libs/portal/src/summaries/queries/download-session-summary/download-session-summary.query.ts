import { Query } from '@nestjs/cqrs';

export interface SessionSummaryDownload {
  fileName: string;
  content: Buffer;
}

/** The client downloads one of their session summaries as a PDF (audited). Null when it is not theirs. */
export class DownloadSessionSummaryQuery extends Query<SessionSummaryDownload | null> {
  constructor(
    readonly patientId: string,
    readonly summaryId: string,
  ) {
    super();
  }
}
