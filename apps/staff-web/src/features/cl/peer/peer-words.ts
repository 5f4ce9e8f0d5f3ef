import type { Schemas } from '../../../api/client';

export type PeerEncounter = Schemas['PeerEncounterResponseDto'];
export type PeerCharge = Schemas['PeerEncounterChargeResponseDto'];
export type Part2Access = Schemas['Part2AccessDto'];

const HOLD_WORDS: Record<string, string> = {
  no_fee_schedule_entry: 'no fee schedule entry for this code on that date',
  zero_units: 'the minutes come to zero units',
  invalid_duration: 'the duration is not valid for this code',
  future_service_date: 'the service date is in the future',
};

export const holdWords = (reason: string | null) => (reason ? (HOLD_WORDS[reason] ?? reason.replace(/_/g, ' ')) : 'no reason given');

export const dollars = (cents: number | null) => (cents === null ? '—' : `$${(cents / 100).toFixed(2)}`);

/** A peer encounter's place in billing, with a symbol and words (never colour alone). */
export function chargeWords(c: PeerCharge): { symbol: string; text: string } {
  switch (c.chargeStatus) {
    case 'not_finalized':
      return { symbol: '✎', text: 'Not sent to billing: finalize the encounter to charge it' };
    case 'pending':
      return { symbol: '◷', text: 'Finalized: the charge is being created (usually within seconds)' };
    case 'ready':
      return { symbol: '✓', text: `Charged: ready to bill, ${c.finalCode ?? ''} × ${c.units ?? 0} = ${dollars(c.amountCents)}` };
    case 'billed':
      return { symbol: '✓', text: `Charged and billed: ${c.finalCode ?? ''} × ${c.units ?? 0} = ${dollars(c.amountCents)}` };
    case 'on_hold':
      // The pause symbol is drawn (PauseIcon): not every font has the glyph.
      return { symbol: '', text: `Charged, on hold: ${holdWords(c.holdReason)}` };
    case 'voided':
      return { symbol: '✕', text: 'The charge was voided by billing' };
  }
}

const PART2_REASONS: Record<Part2Access['reason'], string> = {
  not_part2: 'not a Part 2 record',
  consent_on_file: 'a Part 2 consent on file covers peer encounters for you',
  no_consent: 'no Part 2 consent on file covers peer encounters for you',
  revoked: 'the patient revoked their Part 2 consent',
  expired: 'the Part 2 consent has expired',
  not_covered: 'the Part 2 consent on file does not cover peer encounters for your role',
  unknown_chart: 'the chart was not found',
};

/** Why a Part 2 patient's peer encounters are withheld, as a sentence. */
export const part2Withheld = (a: Part2Access) =>
  `§ Withheld: this patient's record is under 42 CFR Part 2 and ${PART2_REASONS[a.reason]}. Their peer encounters cannot be shown or recorded until a consent covers them.`;

export const MODALITIES = [
  { key: 'individual', label: 'Individual' },
  { key: 'group', label: 'Group' },
  { key: 'telehealth', label: 'Telehealth' },
  { key: 'phone', label: 'Phone' },
] as const;
export type Modality = (typeof MODALITIES)[number]['key'];
export const modalityLabel = (key: string) => MODALITIES.find((m) => m.key === key)?.label ?? key;

export const statusWords = (s: string) => (s === 'finalized' ? '✓ Finalized' : '✎ Draft');
