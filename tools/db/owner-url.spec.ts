import { ownerUrlFromEnv } from './owner-url';

describe('ownerUrlFromEnv', () => {
  it('prefers DATABASE_OWNER_URL as given', () => {
    expect(ownerUrlFromEnv({ DATABASE_OWNER_URL: 'postgresql://o:p@h:1/d', DATABASE_URL: 'postgresql://a:b@x:2/y' })).toBe(
      'postgresql://o:p@h:1/d',
    );
  });

  it("otherwise keeps DATABASE_URL's server, port and database and swaps in the owner role", () => {
    expect(ownerUrlFromEnv({ DATABASE_URL: 'postgresql://cairn_app:cairn_app@db.local:6543/cairn?sslmode=disable' })).toBe(
      'postgresql://cairn_owner:cairn_owner@db.local:6543/cairn?sslmode=disable',
    );
  });

  it('takes the owner password from CAIRN_OWNER_PASSWORD, escaped', () => {
    expect(ownerUrlFromEnv({ DATABASE_URL: 'postgresql://cairn_app@h/d', CAIRN_OWNER_PASSWORD: 'p@ss/w' })).toBe(
      'postgresql://cairn_owner:p%40ss%2Fw@h/d',
    );
  });

  it('is undefined when neither variable is set', () => {
    expect(ownerUrlFromEnv({})).toBeUndefined();
  });
});
