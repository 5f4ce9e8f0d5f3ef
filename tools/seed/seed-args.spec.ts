import { ownerUrlFromEnv, parseSeedArgs } from './seed-args';

describe('parseSeedArgs', () => {
  it('defaults to scale small and seed 1', () => {
    expect(parseSeedArgs([])).toEqual({ kind: 'run', scale: 'small', seed: 1 });
  });

  it('reads --scale and --seed, separated by a space or an equals sign', () => {
    expect(parseSeedArgs(['--scale', 'large', '--seed', '42'])).toEqual({ kind: 'run', scale: 'large', seed: 42 });
    expect(parseSeedArgs(['--scale=medium', '--seed=0'])).toEqual({ kind: 'run', scale: 'medium', seed: 0 });
  });

  it('reads --today, the day the demo is anchored on (absent: the real date, decided by the seed)', () => {
    expect(parseSeedArgs(['--today', '2026-03-10'])).toEqual({ kind: 'run', scale: 'small', seed: 1, today: '2026-03-10' });
    expect(parseSeedArgs(['--today=2024-02-29', '--seed', '3'])).toEqual({ kind: 'run', scale: 'small', seed: 3, today: '2024-02-29' });
  });

  it('asks for help on --help', () => {
    expect(parseSeedArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--scale', 'huge'], 'unknown scale "huge": use small, medium, large'],
    [['--scale'], '--scale needs a value'],
    [['--seed', 'abc'], '--seed must be a whole number from 0 to 2147483647 (got "abc")'],
    [['--seed', '-3'], '--seed must be a whole number from 0 to 2147483647 (got "-3")'],
    [['--seed', '99999999999'], '--seed must be a whole number from 0 to 2147483647 (got "99999999999")'],
    [['--size', 'small'], 'unknown argument "--size"'],
    [['small'], 'unknown argument "small"'],
    [['--today', '2026-02-30'], '--today must be a calendar date YYYY-MM-DD (got "2026-02-30")'],
    [['--today', 'yesterday'], '--today must be a calendar date YYYY-MM-DD (got "yesterday")'],
    [['--today'], '--today needs a value'],
  ])('rejects %j with a message naming the problem', (argv, message) => {
    expect(parseSeedArgs(argv)).toEqual({ kind: 'error', message });
  });
});

describe('ownerUrlFromEnv', () => {
  it('prefers DATABASE_OWNER_URL', () => {
    expect(ownerUrlFromEnv({ DATABASE_OWNER_URL: 'postgresql://o:p@h/db', DATABASE_URL: 'postgresql://a:b@h/x' })).toBe(
      'postgresql://o:p@h/db',
    );
  });

  it('derives the owner role on the same server and database from DATABASE_URL', () => {
    expect(ownerUrlFromEnv({ DATABASE_URL: 'postgresql://cairn_app:cairn_app@127.0.0.1:5432/cairn' })).toBe(
      'postgresql://cairn_owner:cairn_owner@127.0.0.1:5432/cairn',
    );
  });

  it('gives nothing when neither is set', () => {
    expect(ownerUrlFromEnv({})).toBeUndefined();
  });
});
