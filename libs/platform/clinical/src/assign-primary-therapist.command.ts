import { Command } from '@nestjs/cqrs';

/**
 * What reassigning a patient's primary therapist answered: `assigned` (the new care-team assignment, from today;
 * the previous primary therapist's ended yesterday), or why not: the patient is not in the caller's scope, the
 * staff member is not an active staff member of the organization, or already is the primary therapist.
 */
export type AssignPrimaryTherapistResult =
  | { outcome: 'assigned'; assignmentId: string; previousStaffUserIds: string[] }
  | { outcome: 'patient_not_found' }
  | { outcome: 'not_staff' }
  | { outcome: 'already_primary' };

/**
 * Makes a staff member the patient's primary therapist from today (another context's decision, e.g. the portal's
 * approved therapist change request, seed scenario 5), without that context reading or writing CL's care team.
 * CL handles it under the caller's tenant context and row-level security, in the caller's transaction when sent
 * from inside another use case, and audits it; `reason` names the decision (ids only, no PHI).
 */
export class AssignPrimaryTherapistCommand extends Command<AssignPrimaryTherapistResult> {
  constructor(
    readonly patientId: string,
    readonly staffUserId: string,
    readonly reason: { kind: string; id: string },
  ) {
    super();
  }
}
