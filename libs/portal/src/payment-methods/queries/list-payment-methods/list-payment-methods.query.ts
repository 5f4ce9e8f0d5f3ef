import { Query } from '@nestjs/cqrs';

import type { PaymentMethodView } from '../../domain/payment-method.view';

/** A client's saved payment methods, newest first: for the client, portal admins and billing staff (the row policy). */
export class ListPaymentMethodsQuery extends Query<PaymentMethodView[] | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
