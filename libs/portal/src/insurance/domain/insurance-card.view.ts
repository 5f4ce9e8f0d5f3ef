import type { PortalRow } from '../../portal.tx';

/** The content types a card's photo may be, by its bytes (the portal's storage port detected them at upload). */
export const CARD_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

export const CARD_SIDES = ['front', 'back'] as const;
export type CardSide = (typeof CARD_SIDES)[number];

/** An insurance card as the client and billing staff see it (the images are downloaded separately). */
export interface InsuranceCardView {
  insuranceCardId: string;
  patientId: string;
  payerName: string;
  memberId: string;
  groupNumber: string | null;
  frontFileId: string;
  backFileId: string | null;
  createdAt: string;
}

export function toInsuranceCardView(r: PortalRow<'insuranceCard'>): InsuranceCardView {
  return {
    insuranceCardId: r.id,
    patientId: r.patientId,
    payerName: r.payerName,
    memberId: r.memberId,
    groupNumber: r.groupNumber,
    frontFileId: r.frontFileId,
    backFileId: r.backFileId,
    createdAt: r.createdAt.toISOString(),
  };
}
