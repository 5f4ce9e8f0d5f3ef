import { randomBytes } from 'node:crypto';

import { ConfigError, loadConfig, TEST_JWT_SECRET } from './app-config';

const DATABASE_URL = 'postgresql://cairn_app:a-password-of-its-own@db.internal/cairn';
const REDIS_URL = 'redis://redis.internal:6379';
const OWN_SECRET = randomBytes(48).toString('base64url');

/** The problems loadConfig reports for an environment (none: []); REDIS_URL is set as production requires. */
function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig({ REDIS_URL, ...env });
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('loadConfig: JWT_SECRET', () => {
  const published = [
    ['the old built-in development default', 'cairn-development-only-secret-change-me-0123456789'],
    ['the example in .env.example', 'change-me-to-a-long-random-secret-of-your-own'],
    ["the benchmarks' former fixed value", 'bench-only-secret-bench-only-secret-0123'],
    ['the test default', TEST_JWT_SECRET],
  ] as const;

  it.each(['development', 'production'])('accepts a secret of your own in %s', (NODE_ENV) => {
    expect(loadConfig({ DATABASE_URL, REDIS_URL, NODE_ENV, JWT_SECRET: OWN_SECRET }).JWT_SECRET).toBe(OWN_SECRET);
  });

  it.each(['development', 'production', undefined])(
    'requires a secret in NODE_ENV=%s, with one line that says how to get one',
    (NODE_ENV) => {
      const found = problems({ DATABASE_URL, NODE_ENV, JWT_SECRET: undefined });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^JWT_SECRET: is required; set a random secret .*npm start/);
    },
  );

  it.each(published.flatMap(([what, secret]) => ['development', 'production'].map((env) => [what, env, secret] as const)))(
    'refuses %s in NODE_ENV=%s with one clear message',
    (_what, NODE_ENV, secret) => {
      const found = problems({ DATABASE_URL, NODE_ENV, JWT_SECRET: secret });
      expect(found).toEqual([
        expect.stringMatching(/^JWT_SECRET: is a published example or development value .*; set a random secret of your own/),
      ]);
    },
  );

  it('refuses a published value with stray whitespace around it', () => {
    expect(problems({ DATABASE_URL, NODE_ENV: 'production', JWT_SECRET: ` ${TEST_JWT_SECRET}\n` })).toHaveLength(1);
  });

  it('signs with the test default under NODE_ENV=test when none is set, and accepts any published value there', () => {
    expect(loadConfig({ DATABASE_URL, NODE_ENV: 'test' }).JWT_SECRET).toBe(TEST_JWT_SECRET);
    for (const [, secret] of published) expect(loadConfig({ DATABASE_URL, NODE_ENV: 'test', JWT_SECRET: secret }).JWT_SECRET).toBe(secret);
  });

  it('still refuses a secret shorter than 32 characters, in tests too', () => {
    expect(problems({ DATABASE_URL, NODE_ENV: 'test', JWT_SECRET: 'too-short' })).toEqual([
      'JWT_SECRET: JWT_SECRET must be at least 32 characters',
    ]);
  });
});

describe('loadConfig: group commit and stalled jobs', () => {
  it('defaults to groups of up to 16 in 2 transactions, 32 jobs taken, 3 take-overs of a dead worker’s job', () => {
    expect(loadConfig({ DATABASE_URL, NODE_ENV: 'test' })).toMatchObject({
      QUEUE_GROUP_COMMIT: 16,
      QUEUE_TRANSACTIONS: 2,
      QUEUE_CONCURRENCY: 32,
      QUEUE_MAX_STALLED: 3,
    });
  });

  it.each([
    ['QUEUE_GROUP_COMMIT', '0'],
    ['QUEUE_GROUP_COMMIT', '201'],
    ['QUEUE_TRANSACTIONS', 'two'],
    ['QUEUE_TRANSACTIONS', '0'],
    ['QUEUE_MAX_STALLED', '-1'],
    ['QUEUE_MAX_STALLED', '1e9'],
  ])('refuses %s=%s, naming it', (name, value) => {
    const found = problems({ DATABASE_URL, NODE_ENV: 'test', [name]: value });
    expect(found.length).toBeGreaterThan(0);
    for (const line of found) expect(line).toMatch(new RegExp(`^${name}: `));
  });
});
