import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { ChargeView } from '../../domain/charge.view';
import type { ChargeListFilter } from '../../infrastructure/charge-list.repository';

export interface ChargeFilter extends ChargeListFilter {
  page: number;
  pageSize: number;
}

/** Charges of the organization at the caller's sites, newest service date first. Audited. */
export class ListChargesQuery extends Query<Page<ChargeView>> {
  constructor(readonly filter: ChargeFilter) {
    super();
  }
}
