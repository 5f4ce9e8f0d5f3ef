import { Query } from '@nestjs/cqrs';

import type { InsuranceCardView } from '../../domain/insurance-card.view';

/** A client's insurance cards, newest first: for the client, portal admins and billing staff (the row policy). */
export class ListInsuranceCardsQuery extends Query<InsuranceCardView[] | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
