import { Command } from '@nestjs/cqrs';

import type { ChargeChangeReason } from '../../domain/charge.rules';
import type { ChargeView } from '../../domain/charge.view';

/** Voids a ready or held charge (ADR 0011). Null when the charge is not in the caller's scope. */
export class VoidChargeCommand extends Command<ChargeView | null> {
  constructor(
    readonly chargeId: string,
    readonly reason: ChargeChangeReason,
  ) {
    super();
  }
}
