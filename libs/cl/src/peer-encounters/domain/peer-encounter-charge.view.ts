import type { ChargeOfSource } from '@cairn/platform/scheduling';

/**
 * Where a peer encounter stands in billing, for the peer who documented it (who holds no charge permission):
 * `not_finalized` (a draft is not sent to billing), `pending` (finalized, the charge not created yet: the event is
 * on its way), else the current charge's status with why it is on hold and what was charged.
 */
export interface PeerEncounterChargeView {
  peerEncounterId: string;
  chargeStatus: 'not_finalized' | 'pending' | 'on_hold' | 'ready' | 'billed' | 'voided';
  chargeId: string | null;
  holdReason: string | null;
  finalCode: string | null;
  units: number | null;
  amountCents: number | null;
  chargedAt: string | null;
}

export function toPeerEncounterChargeView(
  peerEncounterId: string,
  status: 'draft' | 'finalized',
  charge: ChargeOfSource | null,
): PeerEncounterChargeView {
  const none = { chargeId: null, holdReason: null, finalCode: null, units: null, amountCents: null, chargedAt: null };
  if (status === 'draft') return { peerEncounterId, chargeStatus: 'not_finalized', ...none };
  if (!charge) return { peerEncounterId, chargeStatus: 'pending', ...none };
  return {
    peerEncounterId,
    chargeStatus: charge.status,
    chargeId: charge.chargeId,
    holdReason: charge.holdReason,
    finalCode: charge.finalCode,
    units: charge.units,
    amountCents: charge.amountCents,
    chargedAt: charge.createdAt,
  };
}
