import { ConflictError } from '@cairn/platform/kernel';

/** Why a transition found nothing to change, for a charge that exists (409 with the state it is in). */
export function transitionConflict(status: string, action: 'void' | 'correct' | 'bill'): ConflictError {
  if (status === 'billed')
    return new ConflictError(
      `The charge is billed; a billed charge cannot be ${action === 'bill' ? 'billed again' : 'voided or corrected'}.`,
    );
  if (status === 'voided')
    return new ConflictError(
      `The charge is already voided; ${action === 'correct' ? 'correct its replacement instead' : 'nothing to do'}.`,
    );
  return new ConflictError(`A ${status} charge cannot be billed; only a ready one can.`);
}
