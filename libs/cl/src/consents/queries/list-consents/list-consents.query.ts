import { Query } from '@nestjs/cqrs';

import type { Part2ConsentView } from '../../domain/part2-consent.view';

export interface ConsentPage {
  items: Part2ConsentView[];
  page: number;
  pageSize: number;
  total: number;
  /** The §2.32 notice when the chart is a Part 2 record. */
  part2Notice: string | null;
}

/** A patient's consents, newest first. Null when the patient is not in the caller's scope. */
export class ListConsentsQuery extends Query<ConsentPage | null> {
  constructor(
    readonly patientId: string,
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}
