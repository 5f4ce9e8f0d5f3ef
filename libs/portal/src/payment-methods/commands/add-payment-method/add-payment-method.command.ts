import { Command } from '@nestjs/cqrs';

import type { PaymentMethodView } from '../../domain/payment-method.view';

/** The client saves a card the processor tokenised in the browser: its token, brand, last four digits and expiry. */
export class AddPaymentMethodCommand extends Command<PaymentMethodView> {
  constructor(
    readonly patientId: string,
    readonly processor: string,
    readonly processorToken: string,
    readonly brand: string,
    readonly last4: string,
    readonly expMonth: number,
    readonly expYear: number,
  ) {
    super();
  }
}
