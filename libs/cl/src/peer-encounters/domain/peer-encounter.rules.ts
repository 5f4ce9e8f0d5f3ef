import type { CodeValidity, UnitBasis } from '@cairn/platform/code-library';
import { timedUnits, type JurisdictionProfile } from '@cairn/platform/jurisdiction';
import { ConflictError, InvalidInputError } from '@cairn/platform/kernel';

/** CL-19 peer encounter rules: times and duration, the HCPCS code, units, the draft/finalized lifecycle. Pure. */

export const PEER_ENCOUNTER_STATUSES = ['draft', 'finalized'] as const;
export type PeerEncounterStatus = (typeof PEER_ENCOUNTER_STATUSES)[number];

/** The national HCPCS codes of peer recovery support (seed: "HCPCS H0038, H2017 and org-specific codes"). */
export const PEER_HCPCS_CODES = ['H0038', 'H2017'] as const;

/** HH:MM, 24-hour, zero-padded (the site's local time). */
export const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

const invalid = (field: string, message: string) => new InvalidInputError(message, [{ field, message }]);

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The encounter's duration: end - start, same day, end after start. A duration the caller states must agree
 * with the times (the database checks the same equality).
 */
export function peerDuration(startTime: string, endTime: string, statedMinutes?: number): number {
  if (!HH_MM.test(startTime)) throw invalid('startTime', 'startTime must be an HH:MM time');
  if (!HH_MM.test(endTime)) throw invalid('endTime', 'endTime must be an HH:MM time');
  const minutes = minutesOf(endTime) - minutesOf(startTime);
  if (minutes <= 0) throw invalid('endTime', 'endTime must be after startTime');
  if (statedMinutes !== undefined && statedMinutes !== minutes) {
    throw invalid('durationMinutes', `durationMinutes must equal endTime − startTime (${minutes})`);
  }
  return minutes;
}

/**
 * A code a peer encounter may bill on its service date: valid in the code library on that date, an HCPCS code,
 * and either a national peer code (H0038, H2017) or one the organization defines itself. Returns its unit basis.
 */
export function peerCodeUnitBasis(code: string, validity: CodeValidity): UnitBasis {
  if (!validity.valid) throw invalid('hcpcsCode', validity.message);
  const c = validity.code;
  if (c.system !== 'HCPCS') throw invalid('hcpcsCode', `${code} is a ${c.system} code; peer encounters bill HCPCS codes`);
  if (c.source !== 'organization' && !(PEER_HCPCS_CODES as readonly string[]).includes(c.code)) {
    throw invalid('hcpcsCode', `${code} is not a peer support code (${PEER_HCPCS_CODES.join(', ')} or one your organization defines)`);
  }
  if (!c.unitBasis) throw invalid('hcpcsCode', `${code} has no unit basis`);
  return c.unitBasis;
}

/**
 * Units of one encounter: a timed code (per 15 minutes) by the jurisdiction's timed-code rule for this
 * encounter's minutes (the charge counts the same way), any other unit basis one unit. Minutes of several
 * encounters of a day are not pooled here (see the README).
 */
export function peerUnits(
  unitBasis: UnitBasis,
  minutes: number,
  profile: Pick<JurisdictionProfile, 'timedUnitRule' | 'timedUnitMinutes'>,
): number {
  if (unitBasis === 'per_15_minutes') return timedUnits(profile.timedUnitRule, minutes, profile.timedUnitMinutes);
  return 1;
}

/** Drafts take edits; a finalized encounter is locked (the database refuses too): corrections are addenda. */
export function assertPeerDraft(e: { status: string }): void {
  if (e.status !== 'draft') throw new ConflictError('The peer encounter is finalized and locked; add an addendum instead.');
}

/** Addenda go to finalized encounters only: a draft is edited instead. */
export function assertPeerAmendable(e: { status: string }): void {
  if (e.status !== 'finalized') throw new ConflictError('The peer encounter is a draft; edit it instead of adding an addendum.');
}

/**
 * A patient is in one peer service at a time: saving an encounter whose times overlap another of the same patient
 * and day is refused (409) until the request confirms it (`confirmOverlap: true`), e.g. two peers who did share a
 * session, or a crisis contact during a scheduled one. The answer names each overlapping encounter (id and times,
 * no notes) so the peer can correct the times instead.
 */
export function assertNoUnconfirmedOverlap(
  overlaps: readonly { id: string; startTime: string; endTime: string; status: string }[],
  confirmed: boolean,
): void {
  if (overlaps.length === 0 || confirmed) return;
  const list = overlaps.map((o) => `${o.id} (${o.startTime}-${o.endTime}, ${o.status})`).join('; ');
  throw new ConflictError(
    `This peer encounter overlaps ${overlaps.length} other peer encounter(s) of the same patient on that day: ${list}. ` +
      'Correct the times, or send confirmOverlap: true to save it anyway.',
    [{ field: 'confirmOverlap', message: `overlaps ${list}; set confirmOverlap to true to save anyway` }],
  );
}
