import { Query } from '@nestjs/cqrs';

import type { MoodTrendView } from '../../domain/mood-entry.view';

/**
 * The 30-day mood trend of a patient: the client's over all its entries; a clinician's over what the client shared
 * (the row policy), with the correlation to session attendance (PM, through ListPatientAppointmentsQuery).
 */
export class GetMoodTrendQuery extends Query<MoodTrendView | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
