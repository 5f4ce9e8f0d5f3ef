import { passwordProblems } from './password-policy.rules';

describe('passwordProblems', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblems('river-stones-quiet-morning', 'jane.doe@example.test')).toEqual([]);
  });

  it.each([
    ['too short', 'Sh0rt!pass', 'at least 12'],
    ['too long', 'x'.repeat(100) + 'y'.repeat(29), 'at most 128'],
    ['leading space', ' river-stones-quiet', 'spaces'],
    ['a common password with decorations', 'Password123456!', 'commonly used'],
    ['a common password with digits', 'sunshine2024!!', 'commonly used'],
    ['a keyboard run', 'qwertyuiopas', 'run or a repeat'],
    ['a digit run', '123456789012', 'run or a repeat'],
    ['a repeat', 'aaaaaaaaaaaaaaa', 'run or a repeat'],
    ['the email name', 'jane.doe-is-me-2026', 'email name'],
  ])('refuses %s, naming the field', (_what, password, message) => {
    const problems = passwordProblems(password, 'jane.doe@example.test');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('password');
    expect(problems[0]!.message).toContain(message);
  });
});
