import type { PortalRow } from '../../portal.tx';

export const PAYMENT_PROCESSORS = ['stripe', 'square', 'authorize_net'] as const;
export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'diners', 'jcb', 'unionpay', 'other'] as const;

/**
 * A tokenised payment method. The processor's token is stored for billing to charge through the processor and is
 * never sent back out: nobody needs to read it through the API.
 */
export interface PaymentMethodView {
  paymentMethodId: string;
  patientId: string;
  processor: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  createdAt: string;
}

export function toPaymentMethodView(r: PortalRow<'paymentMethod'>): PaymentMethodView {
  return {
    paymentMethodId: r.id,
    patientId: r.patientId,
    processor: r.processor,
    brand: r.brand,
    last4: r.last4,
    expMonth: r.expMonth,
    expYear: r.expYear,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Whether a card expiring at the end of month/year has expired on `today` (YYYY-MM-DD). */
export function cardExpired(expMonth: number, expYear: number, today: string): boolean {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return expYear < y || (expYear === y && expMonth < m);
}
