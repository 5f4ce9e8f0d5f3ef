import type { FieldError } from '@cairn/platform/kernel';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Passwords seen first in every breach corpus (and their obvious variants): refused whatever their length. A
 * short offline list, so a newcomer needs no breach service; the length rule does most of the work (NIST SP
 * 800-63B §5.1.1.2: at least 8, a blocklist of commonly used and compromised values; we ask 12 of clients).
 */
const COMMON = [
  'password',
  'passw0rd',
  'p@ssword',
  'p@ssw0rd',
  'qwerty',
  'qwertyuiop',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'administrator',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'trustno1',
  'changeme',
  'secret',
  'abc123',
  'starwars',
  'whatever',
  'superman',
  'master',
  'login',
  'cairn',
  'portal',
  'therapy',
  'counseling',
];

const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];

/** The word under decorations: lower case, digits and symbols stripped from both ends ("Password123!" -> "password"). */
function core(password: string): string {
  return password
    .toLowerCase()
    .replace(/^[^a-z]+|[^a-z]+$/g, '')
    .replace(/[^a-z0-9@]/g, '');
}

function isRunOrRepeat(password: string): boolean {
  const p = password.toLowerCase();
  if (new Set(p).size <= 2) return true;
  return SEQUENCES.some((s) => {
    const doubled = s + s;
    return doubled.includes(p) || doubled.includes([...p].reverse().join(''));
  });
}

/**
 * The problems of a client's new password (none: acceptable): its length, a common or breached password with
 * decorations, a run or repeat of characters, or the client's own email name.
 */
export function passwordProblems(password: string, email?: string): FieldError[] {
  const length = [...password].length;
  const problem = (message: string): FieldError[] => [{ field: 'password', message }];
  if (length < PASSWORD_MIN_LENGTH) return problem(`password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) return problem(`password must be at most ${PASSWORD_MAX_LENGTH} characters`);
  if (password.trim().length !== password.length) return problem('password must not begin or end with spaces');
  const word = core(password);
  if (
    COMMON.some(
      (c) => word === c || word.replace(/\d+$/, '') === c || (word.length < 16 && word.startsWith(c) && /^\d*$/.test(word.slice(c.length))),
    )
  )
    return problem('password is a commonly used or breached password');
  if (isRunOrRepeat(password)) return problem('password is a run or a repeat of characters');
  const name = email?.split('@')[0]?.toLowerCase();
  if (name && name.length >= 4 && password.toLowerCase().includes(name)) return problem('password must not contain your email name');
  return [];
}
