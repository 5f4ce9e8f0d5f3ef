import { randomBytes } from 'node:crypto';

import { ConfigError, loadConfig } from './app-config';
import { databaseUrlProblems } from './production-rules';

const JWT_SECRET = randomBytes(48).toString('base64url');
const SAFE = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://cairn_app:Zk3v9-a-password-of-its-own@db.internal:5432/cairn',
  REDIS_URL: 'redis://redis.internal:6379',
  JWT_SECRET,
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('NODE_ENV=production refuses development settings, one line per problem', () => {
  it('accepts an external database as the app role with a password of its own, an explicit Redis and a secret of its own', () => {
    expect(problems(SAFE)).toEqual([]);
  });

  it.each([
    [
      'trust authentication (no password)',
      'postgresql://cairn_app@db.internal/cairn',
      /^DATABASE_URL: has no password: .*trust authentication/,
    ],
    [
      "the app role's development password",
      'postgresql://cairn_app:cairn_app@db.internal/cairn',
      /^DATABASE_URL: uses the published development password "cairn_app"/,
    ],
    [
      'the embedded PostgreSQL by port',
      'postgresql://cairn_app:Zk3v9-strong@127.0.0.1:54329/cairn',
      /^DATABASE_URL: points at npm start's embedded development PostgreSQL/,
    ],
    [
      'the embedded PostgreSQL by socket',
      'postgresql://cairn_app:Zk3v9-strong@localhost/cairn?host=%2Fsrv%2Fcairn%2F.data%2Fpg-socket',
      /^DATABASE_URL: points at npm start's embedded/,
    ],
    [
      'the superuser',
      'postgresql://postgres:Zk3v9-strong@db.internal/cairn',
      /^DATABASE_URL: connects as postgres, which bypasses row-level security/,
    ],
    [
      'the owner role',
      'postgresql://cairn_owner:Zk3v9-strong@db.internal/cairn',
      /^DATABASE_URL: connects as cairn_owner, which bypasses row-level security/,
    ],
  ])('refuses %s', (_what, DATABASE_URL, message) => {
    expect(problems({ ...SAFE, DATABASE_URL })).toEqual([expect.stringMatching(message)]);
  });

  it('requires REDIS_URL to be set rather than defaulting to a local Redis', () => {
    expect(problems({ ...SAFE, REDIS_URL: undefined })).toEqual([expect.stringMatching(/^REDIS_URL: is required in production/)]);
  });

  it('reports every problem at once, each on its own line', () => {
    const found = problems({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://cairn_app:cairn_app@127.0.0.1:54329/cairn',
      JWT_SECRET: 'cairn-development-only-secret-change-me-0123456789',
    });
    expect(found).toEqual([
      expect.stringMatching(/^JWT_SECRET: is a published example or development value/),
      expect.stringMatching(/^DATABASE_URL: points at npm start's embedded/),
      expect.stringMatching(/^DATABASE_URL: uses the published development password/),
      expect.stringMatching(/^REDIS_URL: is required/),
    ]);
  });

  it('leaves development and test alone', () => {
    expect(
      problems({
        ...SAFE,
        NODE_ENV: 'development',
        DATABASE_URL: 'postgresql://cairn_app:cairn_app@127.0.0.1:54329/cairn',
        REDIS_URL: undefined,
      }),
    ).toEqual([]);
    expect(problems({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://cairn_app@localhost/cairn' })).toEqual([]);
  });

  it('accepts client-certificate authentication without a password', () => {
    expect(
      databaseUrlProblems(
        'DATABASE_URL',
        'postgresql://cairn_app@db.internal/cairn?sslmode=verify-full&sslcert=/run/secrets/app.crt',
        'app',
      ),
    ).toEqual([]);
  });

  it("checks the owner's URL for migrations with the owner's rules", () => {
    expect(databaseUrlProblems('DATABASE_OWNER_URL', 'postgresql://cairn_owner:Zk3v9-strong@db.internal/cairn', 'owner')).toEqual([]);
    expect(databaseUrlProblems('DATABASE_OWNER_URL', 'postgresql://cairn_owner:cairn_owner@db.internal/cairn', 'owner')).toEqual([
      expect.stringMatching(/development password "cairn_owner"/),
    ]);
    expect(databaseUrlProblems('DATABASE_OWNER_URL', undefined, 'owner')).toEqual([
      expect.stringMatching(/^DATABASE_OWNER_URL: is required in production/),
    ]);
  });
});
