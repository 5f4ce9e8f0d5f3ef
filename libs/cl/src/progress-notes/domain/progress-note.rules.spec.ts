import { ConflictError, ForbiddenError, InvalidInputError, RuleViolationError } from '@cairn/platform/kernel';

import { assertAmendable, assertEditableDraft, assertSignable, checkSession } from './progress-note.rules';

describe('progress note rules', () => {
  it('lets only the author edit or sign a draft, and nobody change a signed note', () => {
    expect(() => assertEditableDraft({ status: 'draft', authorId: 'a' }, 'a', 'edit')).not.toThrow();
    expect(() => assertEditableDraft({ status: 'draft', authorId: 'a' }, 'b', 'sign')).toThrow(ForbiddenError);
    expect(() => assertEditableDraft({ status: 'signed', authorId: 'a' }, 'a', 'edit')).toThrow(ConflictError);
  });

  it('signs only after the session ended; addenda only on signed notes', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(() => assertSignable({ sessionEnd: new Date('2026-03-10T12:30:00Z') }, now)).toThrow(RuleViolationError);
    expect(() => assertSignable({ sessionEnd: new Date('2026-03-10T11:30:00Z') }, now)).not.toThrow();
    expect(() => assertAmendable({ status: 'draft' })).toThrow(ConflictError);
    expect(() => assertAmendable({ status: 'signed' })).not.toThrow();
  });

  it('wants a session that ends after it starts, within 12 hours', () => {
    const start = new Date('2026-03-10T09:00:00Z');
    expect(() => checkSession(start, new Date('2026-03-10T08:59:00Z'))).toThrow(InvalidInputError);
    expect(() => checkSession(start, new Date('2026-03-11T09:00:00Z'))).toThrow(InvalidInputError);
    expect(() => checkSession(start, new Date('2026-03-10T09:50:00Z'))).not.toThrow();
  });
});
