import { describe, expect, it } from 'vitest';

import { fieldSentence, plainWords, toProblem } from './problem';

describe('plainWords (errors are sentences, not field keys)', () => {
  it('turns a field refusal into a sentence without the key', () => {
    const p = toProblem(400, {
      status: 400,
      title: 'Validation failed',
      errors: [{ field: 'password', message: 'password is a commonly used or breached password' }],
    });
    const text = plainWords(p);
    expect(text).toBe('Some of what you entered could not be saved. Your password is a commonly used or breached password.');
    expect(text).not.toMatch(/\bpassword is\b.*\bpassword\b.*:/);
  });

  it('names no field key for a nested or unlisted field either', () => {
    expect(fieldSentence({ field: 'symptoms.0', message: 'symptoms.0 must be one of the following values' })).toBe(
      '0 must be one of the following values.',
    );
    expect(fieldSentence({ field: 'sharedWithClinician', message: 'sharedWithClinician must be a boolean value' })).toBe(
      'The sharing choice must be a boolean value.',
    );
  });

  it('says what a refused sign-in and a spent invitation mean, without status codes', () => {
    const p = toProblem(401, { status: 401, title: 'Unauthorized', detail: 'Invalid credentials' });
    expect(plainWords(p, 'signing-in')).toBe('That email and password do not match an account. Check them and try again.');
    expect(plainWords(p, 'accepting-invitation')).toMatch(/^This invitation link is no longer valid/);
    expect(plainWords(p)).toBe('You have been signed out. Please sign in again.');
    expect(plainWords(p)).not.toMatch(/401|Unauthorized/);
  });

  it('explains a file that is too large or of the wrong kind', () => {
    expect(plainWords(toProblem(413, undefined))).toMatch(/too large/);
    expect(plainWords(toProblem(415, undefined))).toMatch(/cannot be uploaded/);
    expect(plainWords(toProblem(0, undefined))).toMatch(/connection/);
  });
});
