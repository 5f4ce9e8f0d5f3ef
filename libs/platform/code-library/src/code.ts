/** PF-70 vocabulary: code systems, unit bases and what a looked-up code says. Plain types, no runtime. */

export const CODE_SYSTEMS = ['CPT', 'HCPCS', 'MODIFIER'] as const;
export type CodeSystem = (typeof CODE_SYSTEMS)[number];

/** How a billable code counts units. Modifiers have none. */
export const UNIT_BASES = ['per_15_minutes', 'per_session', 'per_diem', 'per_encounter'] as const;
export type UnitBasis = (typeof UNIT_BASES)[number];

/** One version of a code: its dates, our short description, how it counts units. */
export interface CodeView {
  system: CodeSystem;
  code: string;
  shortDescription: string;
  unitBasis: UnitBasis | null;
  /** Time band of a per-session code (e.g. 38..52 minutes for 90834), when it has one. */
  minimumMinutes: number | null;
  maximumMinutes: number | null;
  /** First day the code may be billed (YYYY-MM-DD). */
  effectiveFrom: string;
  /** Last day the code may be billed (inclusive), or null while it is current. */
  effectiveTo: string | null;
  /** 'national' for the shared code set; 'organization' for a code (or dates) the organization defines. */
  source: 'national' | 'organization';
}

/** Why a code is not valid on a date. */
export type CodeInvalidReason = 'unknown_code' | 'not_yet_effective' | 'ended' | 'wrong_system';

export type CodeValidity =
  | { valid: true; code: CodeView }
  | {
      valid: false;
      reason: CodeInvalidReason;
      /** A sentence safe to show a user, e.g. "90806 ended on 2012-12-31". */
      message: string;
      /** The nearest version of the code, when one exists (the ended or future one). */
      code: CodeView | null;
    };

/** Codes are upper-case letters and digits (90834, H0038, HQ, 95). */
export const CODE_PATTERN = /^[A-Z0-9]{2,7}$/;
