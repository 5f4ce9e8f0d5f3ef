import { Query } from '@nestjs/cqrs';

import type { ChartEncounterPage } from '../../domain/chart-encounter.view';

export interface ListChartEncountersFilter {
  /** YYYY-MM-DD, inclusive */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/**
 * A patient's encounters (PM's, through the scheduling contract) with the group session and attendance behind each
 * group encounter. Null when the patient does not exist or is outside the caller's scope (404 either way).
 */
export class ListChartEncountersQuery extends Query<ChartEncounterPage | null> {
  constructor(
    readonly patientId: string,
    readonly filter: ListChartEncountersFilter,
  ) {
    super();
  }
}
