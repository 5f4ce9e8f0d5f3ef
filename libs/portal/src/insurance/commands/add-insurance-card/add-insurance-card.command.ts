import { Command } from '@nestjs/cqrs';

import type { InsuranceCardView } from '../../domain/insurance-card.view';

/** The client records an insurance card: photos uploaded first through the portal's files, and its numbers. */
export class AddInsuranceCardCommand extends Command<InsuranceCardView> {
  constructor(
    readonly patientId: string,
    readonly payerName: string,
    readonly memberId: string,
    readonly groupNumber: string | null,
    readonly frontFileId: string,
    readonly backFileId: string | null,
  ) {
    super();
  }
}
