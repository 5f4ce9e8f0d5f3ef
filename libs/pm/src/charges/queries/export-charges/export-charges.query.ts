import { Query } from '@nestjs/cqrs';

import type { ChargeView } from '../../domain/charge.view';
import type { ChargeListFilter } from '../../infrastructure/charge-list.repository';

/** Every charge the list's filters select (at most MAX_CHARGE_EXPORT_ROWS), for the CSV export. Audited. */
export class ExportChargesQuery extends Query<ChargeView[]> {
  constructor(readonly filter: ChargeListFilter) {
    super();
  }
}
