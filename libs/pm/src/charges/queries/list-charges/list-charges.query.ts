import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { ChargeSourceType, ChargeStatus } from '../../domain/charge.rules';
import type { ChargeView } from '../../domain/charge.view';

export interface ChargeFilter {
  status?: ChargeStatus;
  siteId?: string;
  /** Service dates, YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  sourceType?: ChargeSourceType;
  sessionId?: string;
  patientId?: string;
  page: number;
  pageSize: number;
}

/** Charges of the organization at the caller's sites, newest service date first. Audited. */
export class ListChargesQuery extends Query<Page<ChargeView>> {
  constructor(readonly filter: ChargeFilter) {
    super();
  }
}
