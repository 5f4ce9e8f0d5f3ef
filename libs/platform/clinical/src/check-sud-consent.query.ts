import { Query } from '@nestjs/cqrs';

import type { Part2RecordType, SudConsentDecision } from './part2-consent';

/**
 * May the current user (or `userId`, in the current organization) see `recordType` records of the patient's
 * chart? The TypeScript face of the SQL helper `cl_check_sud_consent`, which decides; handled by the clinical
 * context, audited there.
 */
export class CheckSudConsentQuery extends Query<SudConsentDecision> {
  constructor(
    readonly patientId: string,
    readonly recordType: Part2RecordType,
    readonly userId?: string,
  ) {
    super();
  }
}
