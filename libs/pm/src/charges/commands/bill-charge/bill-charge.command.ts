import { Command } from '@nestjs/cqrs';

import type { ChargeView } from '../../domain/charge.view';

/** Marks a ready charge billed (ADR 0011): from then on it cannot be voided, corrected or reopened. Null when not in scope. */
export class BillChargeCommand extends Command<ChargeView | null> {
  constructor(readonly chargeId: string) {
    super();
  }
}
