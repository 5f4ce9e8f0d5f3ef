import { Query } from '@nestjs/cqrs';

import type { OpenedFile } from '../../../files/domain/file-storage.port';
import type { CardSide } from '../../domain/insurance-card.view';

/** One side's photo of a client's insurance card, for billing staff (and portal admins). */
export class DownloadInsuranceCardImageQuery extends Query<OpenedFile | null> {
  constructor(
    readonly patientId: string,
    readonly insuranceCardId: string,
    readonly side: CardSide,
  ) {
    super();
  }
}
