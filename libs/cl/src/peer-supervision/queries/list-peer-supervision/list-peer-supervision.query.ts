import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { SupervisionModality } from '../../domain/peer-supervision.rules';
import type { PeerSupervisionSummaryView } from '../../domain/peer-supervision.view';

export interface ListPeerSupervisionFilter {
  peerProviderId?: string;
  supervisorId?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  modality?: SupervisionModality;
  page?: number;
  pageSize?: number;
}

/** The supervision records the caller may see, newest first, without notes. */
export class ListPeerSupervisionQuery extends Query<Page<PeerSupervisionSummaryView>> {
  constructor(readonly filter: ListPeerSupervisionFilter) {
    super();
  }
}
