import { Command } from '@nestjs/cqrs';

import type { UnitBasis } from '@cairn/platform/code-library';

import type { CrosswalkModifierMode, ModifierMatch } from '../../../charges/domain/charge.rules';
import type { FeeScheduleEntryView } from '../../domain/fee-schedule-entry.view';

export interface CreateFeeScheduleEntryInput {
  codeSystem: 'CPT' | 'HCPCS';
  code: string;
  modifierMatch: ModifierMatch;
  modifiers?: string[];
  effectiveFrom: string;
  effectiveTo?: string;
  rateCents: number;
  unitBasis: UnitBasis;
  crosswalkCode?: string;
  crosswalkModifierMode?: CrosswalkModifierMode;
  crosswalkModifiers?: string[];
}

/**
 * Adds a fee schedule entry. Codes and modifiers must be in the code library on its first day (400 naming the
 * field); an entry of the same key overlapping it in time is a 409.
 */
export class CreateFeeScheduleEntryCommand extends Command<FeeScheduleEntryView> {
  constructor(readonly input: CreateFeeScheduleEntryInput) {
    super();
  }
}
