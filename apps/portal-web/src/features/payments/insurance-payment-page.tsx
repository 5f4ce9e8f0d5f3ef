import { ADMIN_NOTE } from '../../shared/privacy';
import { InsuranceCardsSection } from './insurance-cards-section';
import { PaymentMethodsSection } from './payment-methods-section';
import type { PaymentTokenizer } from './payment-tokenizer';

/** Insurance cards and payment cards: billing data, read by the clinic's billing staff and never by the therapist. */
export function InsurancePaymentPage({ tokenizer }: { tokenizer: PaymentTokenizer }) {
  return (
    <>
      <h1>Insurance and payment</h1>
      <p>
        Your clinic uses these to bill your insurance and take payments. Your clinic’s billing staff can see them; your therapist cannot.{' '}
        {ADMIN_NOTE}
      </p>
      <InsuranceCardsSection />
      <PaymentMethodsSection tokenizer={tokenizer} />
    </>
  );
}
