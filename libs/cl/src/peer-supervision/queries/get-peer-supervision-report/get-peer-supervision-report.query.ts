import { Query } from '@nestjs/cqrs';

import type { SupervisionReport } from '../../domain/peer-supervision.rules';

export interface PeerSupervisionReportFilter {
  /** YYYY-MM, inclusive. */
  from: string;
  /** YYYY-MM, inclusive; at most MAX_REPORT_MONTHS months after `from`. */
  to: string;
  peerProviderId?: string;
  /** For the audit row only (the controller writes the CSV). */
  format: 'json' | 'csv';
}

/**
 * Supervision hours per peer specialist per month, months without supervision as zero rows. The caller's own
 * supervision, or the organization's with cl.peer-supervision.org-wide.
 */
export class GetPeerSupervisionReportQuery extends Query<SupervisionReport> {
  constructor(readonly filter: PeerSupervisionReportFilter) {
    super();
  }
}
