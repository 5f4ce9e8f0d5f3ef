import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { ChargeSort } from '../../domain/charge-sort.rules';
import type { ChargeView } from '../../domain/charge.view';
import type { ChargeListFilter } from '../../infrastructure/charge-list.repository';

export interface ChargeFilter extends ChargeListFilter {
  page: number;
  pageSize: number;
  /** Default: newest service date first. */
  sort?: ChargeSort;
}

/** Charges of the organization at the caller's sites, newest service date first unless sorted otherwise. Audited. */
export class ListChargesQuery extends Query<Page<ChargeView>> {
  constructor(readonly filter: ChargeFilter) {
    super();
  }
}
