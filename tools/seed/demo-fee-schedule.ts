import { DEMO_ORGS } from './demo-catalogue';
import { stableUuid } from './deterministic';

/**
 * Demo fee schedules (PM-07), one per organization, for the group codes their jurisdiction profiles propose
 * (AHCCCS for Sonoran, the CMS default for Cascade). Rates are made up for the demo. Sonoran shows each
 * matching feature: an exact-modifiers entry beside an any-modifiers one with a crosswalk that adds HQ (H0005),
 * a code crosswalk (90849 billed as 90853), a dated rate change (H0038), and deliberately NO entry for H2017
 * (psychosocial rehabilitation groups), so approving such a group shows a charge on hold.
 */
export interface DemoFeeEntry {
  id: string;
  organizationId: string;
  codeSystem: 'CPT' | 'HCPCS';
  code: string;
  modifierMatch: 'exact' | 'any';
  modifiers: string[];
  effectiveFrom: string;
  effectiveTo: string | null;
  rateCents: number;
  unitBasis: 'per_15_minutes' | 'per_session' | 'per_diem' | 'per_encounter';
  crosswalkCode: string | null;
  crosswalkModifierMode: 'add' | 'replace' | null;
  crosswalkModifiers: string[];
}

type Spec = Omit<
  DemoFeeEntry,
  'id' | 'organizationId' | 'codeSystem' | 'modifiers' | 'effectiveTo' | 'crosswalkCode' | 'crosswalkModifierMode' | 'crosswalkModifiers'
> &
  Partial<Pick<DemoFeeEntry, 'modifiers' | 'effectiveTo' | 'crosswalkCode' | 'crosswalkModifierMode' | 'crosswalkModifiers'>>;

const SPECS: Record<keyof typeof DEMO_ORGS, Spec[]> = {
  sonoran: [
    { code: '90853', modifierMatch: 'any', effectiveFrom: '2024-01-01', rateCents: 4200, unitBasis: 'per_session' },
    { code: '90849', modifierMatch: 'any', effectiveFrom: '2024-01-01', rateCents: 4200, unitBasis: 'per_session', crosswalkCode: '90853' },
    {
      code: 'H0005',
      modifierMatch: 'exact',
      modifiers: ['HF', 'HQ'],
      effectiveFrom: '2024-01-01',
      rateCents: 3800,
      unitBasis: 'per_session',
    },
    {
      code: 'H0005',
      modifierMatch: 'any',
      effectiveFrom: '2024-01-01',
      rateCents: 3800,
      unitBasis: 'per_session',
      crosswalkModifierMode: 'add',
      crosswalkModifiers: ['HQ'],
    },
    {
      code: 'H0038',
      modifierMatch: 'any',
      effectiveFrom: '2024-01-01',
      effectiveTo: '2024-12-31',
      rateCents: 1000,
      unitBasis: 'per_15_minutes',
    },
    { code: 'H0038', modifierMatch: 'any', effectiveFrom: '2025-01-01', rateCents: 1100, unitBasis: 'per_15_minutes' },
    // No H2017 entry: a psychosocial rehabilitation group's charges go on hold (no_fee_schedule_entry).
  ],
  cascade: [
    { code: '90853', modifierMatch: 'any', effectiveFrom: '2024-01-01', rateCents: 4500, unitBasis: 'per_session' },
    { code: '90849', modifierMatch: 'any', effectiveFrom: '2024-01-01', rateCents: 4300, unitBasis: 'per_session' },
    { code: 'H0005', modifierMatch: 'any', effectiveFrom: '2024-01-01', rateCents: 3600, unitBasis: 'per_session' },
    { code: 'H0038', modifierMatch: 'any', effectiveFrom: '2024-01-01', rateCents: 1200, unitBasis: 'per_15_minutes' },
    { code: 'H2017', modifierMatch: 'any', effectiveFrom: '2024-01-01', rateCents: 1000, unitBasis: 'per_15_minutes' },
  ],
};

export const DEMO_FEE_SCHEDULE: readonly DemoFeeEntry[] = (Object.keys(SPECS) as (keyof typeof DEMO_ORGS)[]).flatMap((slug) =>
  SPECS[slug].map((s) => {
    const modifiers = [...(s.modifiers ?? [])].sort();
    return {
      ...s,
      modifiers,
      id: stableUuid('demo-fee', slug, s.code, s.modifierMatch, modifiers.join('+'), s.effectiveFrom),
      organizationId: DEMO_ORGS[slug].id,
      codeSystem: /^\d/.test(s.code) ? 'CPT' : 'HCPCS',
      effectiveTo: s.effectiveTo ?? null,
      crosswalkCode: s.crosswalkCode ?? null,
      crosswalkModifierMode: s.crosswalkModifierMode ?? null,
      crosswalkModifiers: s.crosswalkModifiers ?? [],
    } satisfies DemoFeeEntry;
  }),
);
