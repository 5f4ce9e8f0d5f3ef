import { Query } from '@nestjs/cqrs';

import type { EncounterPage } from './encounter';

export interface ListPatientEncountersFilter {
  patientId: string;
  /** YYYY-MM-DD, inclusive */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/**
 * A patient's PM encounters, newest service date first, for the context's organization and permitted sites.
 * The caller (CL's chart route) has already checked that the patient is visible to the user; PM only lists.
 */
export class ListPatientEncountersQuery extends Query<EncounterPage> {
  constructor(readonly filter: ListPatientEncountersFilter) {
    super();
  }
}
