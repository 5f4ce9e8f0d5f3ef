import { Command } from '@nestjs/cqrs';

import type { ChargeChangeReason } from '../../domain/charge.rules';
import type { ChargeView } from '../../domain/charge.view';

export interface CorrectChargeInput {
  units: number;
  code?: string;
  modifiers?: string[];
  reason: ChargeChangeReason;
}

export interface ChargeCorrection {
  voided: ChargeView;
  correction: ChargeView;
}

/**
 * Voids a ready or held charge and records its correction, a new charge of the same source one lineage step on,
 * priced again by the fee schedule (ADR 0011), in one transaction. Null when the charge is not in the caller's scope.
 */
export class CorrectChargeCommand extends Command<ChargeCorrection | null> {
  constructor(
    readonly chargeId: string,
    readonly input: CorrectChargeInput,
  ) {
    super();
  }
}
