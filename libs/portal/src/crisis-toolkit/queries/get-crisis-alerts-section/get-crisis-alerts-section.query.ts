import { Query } from '@nestjs/cqrs';

import type { CrisisAlertView } from '../../domain/crisis-toolkit.view';

/**
 * The crisis part of the therapist's portal activity (seed §2: "crisis toolkit usage alerts"): the live episode if
 * any, the alert episodes of the last 90 days, and the opens of the last 7 days. Never shown to the client.
 */
export interface CrisisAlertsSectionView {
  live: CrisisAlertView | null;
  alerts: CrisisAlertView[];
  opensLast7Days: number;
}

/** Sent on the query bus by the staff use case that assembles the portal activity (which audits the read). */
export class GetCrisisAlertsSectionQuery extends Query<CrisisAlertsSectionView | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
