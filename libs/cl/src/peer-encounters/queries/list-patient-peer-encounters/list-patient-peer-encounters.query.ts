import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { PeerEncounterView } from '../../domain/peer-encounter.view';

export interface ListPatientPeerEncountersFilter {
  patientId: string;
  /** YYYY-MM-DD, inclusive */
  from?: string;
  to?: string;
  status?: 'draft' | 'finalized';
  page?: number;
  pageSize?: number;
}

/** A patient's peer encounters, newest service first; null when the patient is not in scope. */
export class ListPatientPeerEncountersQuery extends Query<Page<PeerEncounterView> | null> {
  constructor(readonly filter: ListPatientPeerEncountersFilter) {
    super();
  }
}
