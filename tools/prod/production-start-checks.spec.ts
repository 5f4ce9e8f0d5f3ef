import { productionStartProblems } from './production-start-checks';

const SAFE = {
  DATABASE_URL: 'postgresql://cairn_app:4pp-long-random-password@db.internal:5432/cairn',
  DATABASE_OWNER_URL: 'postgresql://cairn_owner:0wn3r-long-random-password@db.internal:5432/cairn',
  REDIS_URL: 'redis://redis.internal:6379',
  JWT_SECRET: 'a-signing-secret-of-this-installation-only-0123456789',
};

describe('productionStartProblems', () => {
  it('accepts a production environment with credentials of its own, NODE_ENV unset or production', () => {
    expect(productionStartProblems(SAFE)).toEqual([]);
    expect(productionStartProblems({ ...SAFE, NODE_ENV: 'production' })).toEqual([]);
  });

  it('refuses another NODE_ENV rather than quietly overriding it', () => {
    expect(productionStartProblems({ ...SAFE, NODE_ENV: 'development' })).toEqual([
      expect.stringMatching(/^NODE_ENV: is "development"; npm run start:prod runs with NODE_ENV=production/),
    ]);
  });

  it('reports a problem the apps and the migrations share once', () => {
    const found = productionStartProblems({ ...SAFE, DATABASE_URL: 'postgresql://cairn_app@db.internal/cairn' });
    expect(found).toEqual([expect.stringMatching(/^DATABASE_URL: has no password/)]);
  });

  it('needs no owner credentials when the migrations run elsewhere (CAIRN_MIGRATE_ON_START=false)', () => {
    const { DATABASE_OWNER_URL: _omit, ...withoutOwner } = SAFE;
    expect(productionStartProblems(withoutOwner)).toEqual([
      expect.stringMatching(/^DATABASE_OWNER_URL \(unset: .*\): uses the published development password "cairn_owner"/),
    ]);
    expect(productionStartProblems({ ...withoutOwner, CAIRN_MIGRATE_ON_START: 'false' })).toEqual([]);
  });
});
