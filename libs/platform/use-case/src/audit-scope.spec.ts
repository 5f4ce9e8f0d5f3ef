import { ForbiddenError, InvalidInputError, NotFoundError } from '@cairn/platform/http';

import { AuditScope } from './audit-scope';

interface Msg {
  noteId: string;
  patientId: string;
}
const declaration = { action: 'progress-note.sign', resource: 'progress_note', id: (m: Msg) => m.noteId, patient: (m: Msg) => m.patientId };
const msg: Msg = { noteId: 'n1', patientId: 'p1' };
const scope = () => new AuditScope(declaration as never, msg);

describe('AuditScope', () => {
  it('infers success from a value, with the declared ids and the facts the handler added', () => {
    const s = scope().scope({ a: 1 }).scope({ b: 2 });
    expect(s.eventFor({ id: 'n1' }, true)).toEqual({
      action: 'progress-note.sign',
      resourceType: 'progress_note',
      resourceId: 'n1',
      patientId: 'p1',
      outcome: 'success',
      reason: null,
      scope: { a: 1, b: 2 },
    });
  });

  it('infers not_found from null and never names the declared patient then', () => {
    expect(scope().eventFor(null, true)).toMatchObject({ outcome: 'not_found', resourceId: 'n1', patientId: null });
  });

  it('lets the handler set ids and the action', () => {
    expect(scope().set({ resourceId: null, patientId: 'p2', action: 'progress-note.amend' }).eventFor({}, true)).toMatchObject({
      resourceId: null,
      patientId: 'p2',
      action: 'progress-note.amend',
    });
  });

  it('turns a marked refusal into a denied or failure row with its reason and scope', () => {
    const s = scope().scope({ a: 1 });
    const error = s.refuse('not_author', new ForbiddenError('no'));
    expect(s.eventForError(error, true)).toMatchObject({ outcome: 'denied', reason: 'not_author', patientId: 'p1', scope: { a: 1 } });
    const t = scope();
    const failure = t.refuse('not_failed', new ForbiddenError('no'), 'failure', { states: ['x'] });
    expect(t.eventForError(failure, true)).toMatchObject({ outcome: 'failure', scope: { states: ['x'] } });
  });

  it('turns a NotFoundError into not_found and writes nothing for bad input or an unmarked error', () => {
    expect(scope().eventForError(new NotFoundError('gone'), true)).toMatchObject({ outcome: 'not_found', patientId: null });
    expect(scope().eventForError(new InvalidInputError('bad'), true)).toBeNull();
    const s = scope();
    s.refuse('x', new ForbiddenError('marked'));
    expect(s.eventForError(new Error('another'), true)).toBeNull();
  });

  it('derives the actor type from the context when declared', () => {
    const s = new AuditScope({ ...declaration, actor: 'derived-from-context' } as never, msg);
    expect(s.eventFor({}, false)).toMatchObject({ actorType: 'system' });
    expect(s.eventFor({}, true)).toMatchObject({ actorType: 'staff' });
  });
  it('writes one row per patient on success when asked (rowPerPatient), the one row otherwise', () => {
    const s = scope()
      .scope({ part2: true })
      .rowPerPatient([{ patientId: 'a', scope: { status: 'present' } }, { patientId: 'b' }]);
    expect(s.eventsFor({}, true)).toEqual([
      {
        action: 'progress-note.sign',
        resourceType: 'progress_note',
        resourceId: 'n1',
        patientId: 'a',
        outcome: 'success',
        reason: null,
        scope: { part2: true, status: 'present' },
      },
      {
        action: 'progress-note.sign',
        resourceType: 'progress_note',
        resourceId: 'n1',
        patientId: 'b',
        outcome: 'success',
        reason: null,
        scope: { part2: true },
      },
    ]);
    const nf = scope().rowPerPatient([{ patientId: 'a' }, { patientId: 'b' }]);
    expect(nf.eventsFor(null, true)).toEqual([expect.objectContaining({ outcome: 'not_found', patientId: null })]);
    expect(scope().eventsFor({}, true)).toHaveLength(1);
    expect(() => scope().rowPerPatient([])).toThrow('at least one patient');
  });
});
