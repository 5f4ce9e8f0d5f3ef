import { describe, expect, it } from 'vitest';

import { ApiError, fieldErrorOf, fieldSentence, plainWords, toProblem } from './problem';

describe('problem+json in plain words', () => {
  it('explains a 403 as missing permission in words, never with the permission key', () => {
    const p = toProblem(403, { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Requires patients.view', instance: '/x' });
    expect(plainWords(p)).toBe(
      'You do not have permission to see this. Ask an administrator if you need access. Your role does not let you read patient charts here.',
    );
    const guard = toProblem(403, { title: 'Forbidden', status: 403, detail: 'You do not have permission "hr.productivity.view" here.' });
    expect(plainWords(guard)).toContain('Your role does not let you see provider productivity here.');
    const portal = toProblem(403, { title: 'Forbidden', status: 403, detail: 'You do not have permission "portal.homework.manage" here.' });
    expect(plainWords(portal)).toContain('Your role does not let you assign or review portal homework here.');
    const unknown = toProblem(403, { title: 'Forbidden', status: 403, detail: 'You do not have permission "x.y.z" here.' });
    expect(plainWords(unknown)).not.toContain('x.y.z');
    const sentence = toProblem(403, { title: 'Forbidden', status: 403, detail: 'Only the author signs a note.' });
    expect(plainWords(sentence)).toContain('Only the author signs a note.');
  });

  it('lists each invalid field of a validation failure', () => {
    const p = toProblem(400, {
      title: 'Validation failed',
      status: 400,
      detail: '2 invalid',
      errors: [{ field: 'periodStart', message: 'must be a date' }, { field: 'x' }],
    });
    expect(p.fieldErrors).toEqual([{ field: 'periodStart', message: 'must be a date' }]);
    expect(plainWords(p)).toBe('Some of what was entered is not valid. Period start must be a date.');
  });

  it("words a field refusal for the person who typed it, without the API's field key", () => {
    const e = { field: 'proposedCptCode', message: 'proposedCptCode: 99999 is not in the code library' };
    expect(fieldSentence(e)).toBe('99999 is not a code in the code library: check it, or pick one from the list.');
    expect(fieldSentence({ field: 'sessionDate', message: 'sessionDate must be on or before today' })).toBe(
      'Session date must be on or before today.',
    );
    const err = new ApiError(toProblem(400, { status: 400, title: 'Bad Request', errors: [e] }));
    expect(fieldErrorOf(err, 'proposedCptCode')).toMatch(/^99999 is not a code/);
    expect(fieldErrorOf(err, 'proposedModifiers')).toBeUndefined();
  });

  it('says the credentials were refused, not that a session ended, while signing in', () => {
    const p = toProblem(401, { title: 'Unauthorized', status: 401, detail: 'Invalid credentials' });
    expect(plainWords(p, { signingIn: true })).toMatch(/^That email and password do not match/);
    expect(plainWords(p)).toBe('Your session has ended. Please sign in again.');
  });

  it('copes with a body that is not problem+json', () => {
    const p = toProblem(502, '<html>Bad gateway</html>');
    expect(p).toEqual({ status: 502, title: '', detail: undefined, fieldErrors: [] });
    expect(plainWords(p)).toMatch(/^Something went wrong on the server/);
  });

  it('says a too large (413) or unusable (415) upload as a sentence, and names portal permissions in words', () => {
    expect(plainWords(toProblem(413, { status: 413, title: 'Payload Too Large', detail: 'File too large' }))).toBe(
      'The file is too large to upload. File too large',
    );
    expect(plainWords(toProblem(415, { status: 415, title: 'Unsupported Media Type' }))).toBe('That kind of file cannot be used here.');
    const refused = toProblem(403, {
      status: 403,
      title: 'Forbidden',
      detail: 'You do not have permission "portal.crisis-toolkit.manage" here.',
    });
    expect(plainWords(refused)).toMatch(/Your role does not let you change a client's crisis toolkit or acknowledge crisis alerts here\.$/);
  });
});
