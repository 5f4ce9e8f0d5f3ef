import type { CodeSystem, CodeView, UnitBasis } from '@cairn/platform/code-library';

/** A row of pf_codes or pf_organization_codes as the raw queries select it. */
export interface CodeRow {
  system: string;
  code: string;
  effective_from: Date;
  effective_to: Date | null;
  short_description: string;
  unit_basis: string | null;
  minimum_minutes: number | null;
  maximum_minutes: number | null;
  source: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function toCodeView(r: CodeRow): CodeView {
  return {
    system: r.system as CodeSystem,
    code: r.code,
    shortDescription: r.short_description,
    unitBasis: r.unit_basis as UnitBasis | null,
    minimumMinutes: r.minimum_minutes,
    maximumMinutes: r.maximum_minutes,
    effectiveFrom: day(r.effective_from),
    effectiveTo: r.effective_to ? day(r.effective_to) : null,
    source: r.source === 'organization' ? 'organization' : 'national',
  };
}

/** The nil uuid matches no organization: outside a tenant context only national codes apply. */
export const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

/** Escapes LIKE wildcards so a search term matches literally. */
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
