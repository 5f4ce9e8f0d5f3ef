import { ConflictError, ForbiddenError, InvalidInputError, RuleViolationError } from '@cairn/platform/kernel';

/** A session lasts more than nothing and at most 12 hours. */
export function checkSession(start: Date, end: Date): void {
  if (end.getTime() <= start.getTime()) {
    throw new InvalidInputError('sessionEnd must be after sessionStart', [
      { field: 'sessionEnd', message: 'sessionEnd must be after sessionStart' },
    ]);
  }
  if (end.getTime() - start.getTime() > 12 * 3600_000) {
    throw new InvalidInputError('a session lasts at most 12 hours', [
      { field: 'sessionEnd', message: 'sessionEnd must be at most 12 hours after sessionStart' },
    ]);
  }
}

/** Only the author edits or signs a draft; a signed note is locked (the database refuses changes too). */
export function assertEditableDraft(note: { status: string; authorId: string }, userId: string, action: 'edit' | 'sign'): void {
  if (note.status !== 'draft') throw new ConflictError(`The note is ${note.status} and locked; add an addendum instead.`);
  if (note.authorId !== userId) throw new ForbiddenError(`Only the note's author can ${action} it.`);
}

/** A note is signed once the session has ended. */
export function assertSignable(note: { sessionEnd: Date }, now: Date): void {
  if (note.sessionEnd.getTime() > now.getTime()) {
    throw new RuleViolationError('A note cannot be signed before its session has ended.', [
      { field: 'sessionEnd', message: 'the session has not ended yet' },
    ]);
  }
}

export function assertAmendable(note: { status: string }): void {
  if (note.status !== 'signed') throw new ConflictError('Addenda are added to signed notes; edit the draft instead.');
}
