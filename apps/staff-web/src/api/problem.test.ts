import { describe, expect, it } from 'vitest';

import { plainWords, toProblem } from './problem';

describe('problem+json in plain words', () => {
  it('explains a 403 as missing permission, with the API detail after it', () => {
    const p = toProblem(403, { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Requires patients.view', instance: '/x' });
    expect(plainWords(p)).toBe('You do not have permission to see this. Ask an administrator if you need access. Requires patients.view');
  });

  it('lists each invalid field of a validation failure', () => {
    const p = toProblem(400, {
      title: 'Validation failed',
      status: 400,
      detail: '2 invalid',
      errors: [{ field: 'periodStart', message: 'must be a date' }, { field: 'x' }],
    });
    expect(p.fieldErrors).toEqual([{ field: 'periodStart', message: 'must be a date' }]);
    expect(plainWords(p)).toBe('Some of what was entered is not valid. periodStart: must be a date');
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
});
