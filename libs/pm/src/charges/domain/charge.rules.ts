import type { UnitBasis } from '@cairn/platform/code-library';
import { timedUnits, type JurisdictionProfile } from '@cairn/platform/jurisdiction';

/** PM-07 charge capture rules: fee schedule matching, crosswalk, units. Pure functions, unit-tested. */

export const MODIFIER_MATCHES = ['exact', 'any'] as const;
export type ModifierMatch = (typeof MODIFIER_MATCHES)[number];
export const CROSSWALK_MODIFIER_MODES = ['add', 'replace'] as const;
export type CrosswalkModifierMode = (typeof CROSSWALK_MODIFIER_MODES)[number];
/** ADR 0011: on_hold -> voided; ready -> voided | billed; billed and voided are final (the database enforces it). */
export const CHARGE_STATUSES = ['ready', 'on_hold', 'billed', 'voided'] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];
export const CHARGE_SOURCE_TYPES = ['group_encounter_generation', 'peer_encounter'] as const;
export type ChargeSourceType = (typeof CHARGE_SOURCE_TYPES)[number];
/**
 * Why a charge is on hold: no fee schedule entry for the code (and modifiers) on the service date; the unit
 * rule gave zero units (e.g. 7 minutes of a timed code); the minutes were not a whole number of 0 or more; the
 * service date is after today at the service's site (no billing before the service: CL refuses to document or
 * finalize it first, this is the defence in depth).
 */
export const HOLD_REASONS = ['no_fee_schedule_entry', 'zero_units', 'invalid_duration', 'future_service_date'] as const;
/** Why a charge was voided: by hand, as the first half of a correction, replaced by a re-priced one, or its review reopened. */
export const VOID_REASONS = ['voided', 'corrected', 'repriced', 'reopened'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];
/** Why a biller voids or corrects a charge: a kind for the audit log (free text could carry PHI). */
export const CHARGE_CHANGE_REASONS = ['duplicate', 'wrong_patient', 'wrong_code', 'wrong_units', 'service_not_rendered', 'other'] as const;
export type ChargeChangeReason = (typeof CHARGE_CHANGE_REASONS)[number];

/**
 * Prices a correction: the biller's units (and code and modifiers) against the fee schedule entry in effect on the
 * service date, crosswalk applied. Null when no entry prices it (the correction is refused: a correction is billable).
 */
export function priceCorrection(
  entries: readonly FeeEntry[],
  code: string,
  modifiers: readonly string[],
  serviceDate: string,
  units: number,
): Pick<
  ChargeDecision,
  'finalCode' | 'finalModifiers' | 'units' | 'unitBasis' | 'rateCents' | 'amountCents' | 'feeScheduleEntryId'
> | null {
  const entry = matchFeeEntry(entries, code, modifiers, serviceDate);
  if (!entry) return null;
  const billed = applyCrosswalk(entry, code, modifiers);
  return {
    finalCode: billed.code,
    finalModifiers: billed.modifiers,
    units,
    unitBasis: entry.unitBasis,
    rateCents: entry.rateCents,
    amountCents: units * entry.rateCents,
    feeScheduleEntryId: entry.id,
  };
}
export type HoldReason = (typeof HOLD_REASONS)[number];

export interface FeeEntry {
  id: string;
  code: string;
  modifierMatch: ModifierMatch;
  /** Sorted, without repeats (normalizeModifiers). */
  modifiers: string[];
  /** YYYY-MM-DD */
  effectiveFrom: string;
  /** YYYY-MM-DD inclusive, or null while current. */
  effectiveTo: string | null;
  rateCents: number;
  unitBasis: UnitBasis;
  crosswalkCode: string | null;
  crosswalkModifierMode: CrosswalkModifierMode | null;
  crosswalkModifiers: string[];
}

/** Modifiers as keys compare them: upper-case, trimmed, without repeats, sorted. */
export function normalizeModifiers(modifiers: readonly string[]): string[] {
  return [...new Set(modifiers.map((m) => m.trim().toUpperCase()).filter(Boolean))].sort();
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function isEffectiveOn(entry: Pick<FeeEntry, 'effectiveFrom' | 'effectiveTo'>, on: string): boolean {
  return entry.effectiveFrom <= on && (entry.effectiveTo === null || entry.effectiveTo >= on);
}

/** Whether two periods (inclusive, null = open end) share a day. */
export function periodsOverlap(
  a: Pick<FeeEntry, 'effectiveFrom' | 'effectiveTo'>,
  b: Pick<FeeEntry, 'effectiveFrom' | 'effectiveTo'>,
): boolean {
  return (a.effectiveTo === null || a.effectiveTo >= b.effectiveFrom) && (b.effectiveTo === null || b.effectiveTo >= a.effectiveFrom);
}

/**
 * The fee schedule entry for a proposed code and modifiers on a day. The most specific match wins: an entry
 * requiring exactly the proposed modifiers (compared as sets) beats one that applies to any modifiers. Entries
 * of one key never overlap in time (checked when written), so at most one of each kind is in effect.
 */
export function matchFeeEntry(entries: readonly FeeEntry[], code: string, modifiers: readonly string[], on: string): FeeEntry | null {
  const wanted = normalizeModifiers(modifiers);
  const inEffect = entries.filter((e) => e.code === code && isEffectiveOn(e, on));
  return (
    inEffect.find((e) => e.modifierMatch === 'exact' && sameList(e.modifiers, wanted)) ??
    inEffect.find((e) => e.modifierMatch === 'any') ??
    null
  );
}

/** The code and modifiers billed after the entry's crosswalk (PM-07's final say over CL's proposal). */
export function applyCrosswalk(entry: FeeEntry, code: string, modifiers: readonly string[]): { code: string; modifiers: string[] } {
  const finalCode = entry.crosswalkCode ?? code;
  const proposed = normalizeModifiers(modifiers);
  switch (entry.crosswalkModifierMode) {
    case 'replace':
      return { code: finalCode, modifiers: normalizeModifiers(entry.crosswalkModifiers) };
    case 'add':
      return { code: finalCode, modifiers: normalizeModifiers([...proposed, ...entry.crosswalkModifiers]) };
    default:
      return { code: finalCode, modifiers: proposed };
  }
}

/**
 * Units by the entry's unit basis: a timed code (per 15 minutes) by the jurisdiction's timed-code rule for the
 * minutes of this one service; a session, a day or an encounter is one unit.
 */
export function unitsFor(
  unitBasis: UnitBasis,
  minutes: number,
  profile: Pick<JurisdictionProfile, 'timedUnitRule' | 'timedUnitMinutes'>,
): number {
  if (unitBasis === 'per_15_minutes') return timedUnits(profile.timedUnitRule, minutes, profile.timedUnitMinutes);
  return 1;
}

export interface ChargeProposal {
  code: string;
  modifiers: readonly string[];
  durationMinutes: number;
  /** YYYY-MM-DD */
  serviceDate: string;
  /**
   * The code library's unit basis for the code on the service date (null when the library does not know it): it
   * counts the units of a charge no fee schedule entry prices yet, so a held charge carries the service's units.
   */
  codeUnitBasis?: UnitBasis | null;
  /** Today (YYYY-MM-DD) where the service was given; a later service date holds the charge. */
  today: string;
}

export interface ChargeDecision {
  status: ChargeStatus;
  holdReason: HoldReason | null;
  /** Null when no entry decided it (on hold for no_fee_schedule_entry). */
  finalCode: string | null;
  finalModifiers: string[];
  units: number;
  unitBasis: UnitBasis | null;
  rateCents: number | null;
  amountCents: number | null;
  feeScheduleEntryId: string | null;
}

/**
 * Prices one proposed service: find its fee schedule entry, apply the crosswalk, count units, multiply. A
 * service that cannot be priced is still a charge, on hold with the reason: never a silent drop.
 */
export function decideCharge(
  proposal: ChargeProposal,
  entries: readonly FeeEntry[],
  profile: Pick<JurisdictionProfile, 'timedUnitRule' | 'timedUnitMinutes'>,
): ChargeDecision {
  const decision = priceCharge(proposal, entries, profile);
  // No billing before the service: whatever the price, a future service date is never ready.
  if (proposal.serviceDate > proposal.today && decision.status === 'ready') {
    return { ...decision, status: 'on_hold', holdReason: 'future_service_date' };
  }
  return decision;
}

function priceCharge(
  proposal: ChargeProposal,
  entries: readonly FeeEntry[],
  profile: Pick<JurisdictionProfile, 'timedUnitRule' | 'timedUnitMinutes'>,
): ChargeDecision {
  const entry = matchFeeEntry(entries, proposal.code, proposal.modifiers, proposal.serviceDate);
  if (!entry) {
    // Held, but with the service's units (by the code library's unit basis), so the hold shows what is owed.
    const basis = proposal.codeUnitBasis ?? null;
    const validMinutes = Number.isInteger(proposal.durationMinutes) && proposal.durationMinutes >= 0;
    return {
      status: 'on_hold',
      holdReason: 'no_fee_schedule_entry',
      finalCode: null,
      finalModifiers: [],
      units: basis && validMinutes ? unitsFor(basis, proposal.durationMinutes, profile) : 0,
      unitBasis: basis,
      rateCents: null,
      amountCents: null,
      feeScheduleEntryId: null,
    };
  }
  const billed = applyCrosswalk(entry, proposal.code, proposal.modifiers);
  const base = {
    finalCode: billed.code,
    finalModifiers: billed.modifiers,
    unitBasis: entry.unitBasis,
    rateCents: entry.rateCents,
    feeScheduleEntryId: entry.id,
  };
  if (!Number.isInteger(proposal.durationMinutes) || proposal.durationMinutes < 0) {
    return { ...base, status: 'on_hold', holdReason: 'invalid_duration', units: 0, amountCents: 0 };
  }
  const units = unitsFor(entry.unitBasis, proposal.durationMinutes, profile);
  if (units === 0) return { ...base, status: 'on_hold', holdReason: 'zero_units', units: 0, amountCents: 0 };
  return { ...base, status: 'ready', holdReason: null, units, amountCents: units * entry.rateCents };
}

/** Minutes as stored: the payload's when they are a whole number of 0 or more (else the charge holds for it). */
export const storedMinutes = (m: number) => (Number.isInteger(m) && m >= 0 ? m : 0);
