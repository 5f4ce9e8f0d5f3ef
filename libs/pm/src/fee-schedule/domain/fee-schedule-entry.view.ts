import { isoDate } from '@cairn/platform/kernel';

import type { FeeEntry } from '../../charges/domain/charge.rules';
import type { PmRow } from '../../pm.tx';

type FeeScheduleEntry = PmRow<'feeScheduleEntry'>;

export interface FeeScheduleEntryView extends FeeEntry {
  codeSystem: 'CPT' | 'HCPCS';
  createdAt: string;
  createdBy: string | null;
  endedAt: string | null;
  endedBy: string | null;
}

export function toFeeScheduleEntryView(e: FeeScheduleEntry): FeeScheduleEntryView {
  return {
    id: e.id,
    codeSystem: e.codeSystem as 'CPT' | 'HCPCS',
    code: e.code,
    modifierMatch: e.modifierMatch as FeeEntry['modifierMatch'],
    modifiers: e.modifiers,
    effectiveFrom: isoDate(e.effectiveFrom),
    effectiveTo: e.effectiveTo ? isoDate(e.effectiveTo) : null,
    rateCents: e.rateCents,
    unitBasis: e.unitBasis as FeeEntry['unitBasis'],
    crosswalkCode: e.crosswalkCode,
    crosswalkModifierMode: e.crosswalkModifierMode as FeeEntry['crosswalkModifierMode'],
    crosswalkModifiers: e.crosswalkModifiers,
    createdAt: e.createdAt.toISOString(),
    createdBy: e.createdBy,
    endedAt: e.endedAt?.toISOString() ?? null,
    endedBy: e.endedBy,
  };
}
