import type { CodeSystem, CodeValidity, CodeView } from './code';

/**
 * Decides whether a code is billable on a day, from every version of that code that applies to the
 * organization (its own versions if it has any, else the national ones). Dates are YYYY-MM-DD, so they
 * compare as strings; effectiveTo is the last valid day.
 */
export function codeValidityOn(code: string, on: string, versions: readonly CodeView[], system?: CodeSystem): CodeValidity {
  if (versions.length === 0) return { valid: false, reason: 'unknown_code', message: `${code} is not in the code library`, code: null };
  const inSystem = system ? versions.filter((v) => v.system === system) : versions;
  if (inSystem.length === 0) {
    return { valid: false, reason: 'wrong_system', message: `${code} is a ${versions[0]!.system} code, not ${system}`, code: versions[0]! };
  }
  const current = inSystem.find((v) => v.effectiveFrom <= on && (v.effectiveTo === null || v.effectiveTo >= on));
  if (current) return { valid: true, code: current };
  const ended = inSystem
    .filter((v) => v.effectiveTo !== null && v.effectiveTo < on)
    .sort((a, b) => b.effectiveTo!.localeCompare(a.effectiveTo!));
  const future = inSystem.filter((v) => v.effectiveFrom > on).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  if (future[0] && !ended[0]) {
    return { valid: false, reason: 'not_yet_effective', message: `${code} takes effect on ${future[0].effectiveFrom}`, code: future[0] };
  }
  const last = ended[0]!;
  return { valid: false, reason: 'ended', message: `${code} ended on ${last.effectiveTo}`, code: last };
}
