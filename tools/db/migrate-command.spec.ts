import { MigrateSettingsError, readMigrateSettings } from './migrate-command';

function problems(env: Record<string, string | undefined>): string[] {
  try {
    readMigrateSettings(env);
    return [];
  } catch (e) {
    if (e instanceof MigrateSettingsError) return e.problems;
    throw e;
  }
}

describe('readMigrateSettings', () => {
  it('derives the owner URL in development as before, with no app-login check', () => {
    expect(readMigrateSettings({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/cairn' })).toEqual({
      production: false,
      ownerUrl: 'postgresql://cairn_owner:cairn_owner@127.0.0.1:5432/cairn',
      adminUrl: undefined,
      appUrl: undefined,
    });
  });

  it('takes the owner and app URLs of a production server with passwords of their own', () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_OWNER_URL: 'postgresql://cairn_owner:0wn3r-long-random@db.internal:5432/cairn',
      DATABASE_URL: 'postgresql://cairn_app:4pp-long-random@db.internal:5432/cairn',
    };
    expect(readMigrateSettings(env)).toMatchObject({ production: true, ownerUrl: env.DATABASE_OWNER_URL, appUrl: env.DATABASE_URL });
  });

  it("refuses the owner's published password in production, whether derived from CAIRN_OWNER_PASSWORD or in the URL", () => {
    const DATABASE_URL = 'postgresql://cairn_app:4pp-long-random@db.internal:5432/cairn';
    expect(problems({ NODE_ENV: 'production', DATABASE_URL })).toEqual([
      expect.stringMatching(/^DATABASE_OWNER_URL \(unset: .*CAIRN_OWNER_PASSWORD\): uses the published development password "cairn_owner"/),
    ]);
    expect(problems({ NODE_ENV: 'production', DATABASE_URL, CAIRN_OWNER_PASSWORD: 'cairn_owner' })).toHaveLength(1);
    expect(problems({ NODE_ENV: 'production', DATABASE_URL, CAIRN_OWNER_PASSWORD: '0wn3r-long-random' })).toEqual([]);
    expect(
      problems({ NODE_ENV: 'production', DATABASE_URL, DATABASE_OWNER_URL: 'postgresql://cairn_owner:cairn_owner@db.internal/cairn' }),
    ).toEqual([expect.stringMatching(/^DATABASE_OWNER_URL: uses the published development password/)]);
  });

  it('requires the app URL in production and refuses trust authentication for either role', () => {
    expect(problems({ NODE_ENV: 'production', DATABASE_OWNER_URL: 'postgresql://cairn_owner@db.internal/cairn' })).toEqual([
      expect.stringMatching(/^DATABASE_OWNER_URL: has no password/),
      expect.stringMatching(/^DATABASE_URL: is required in production/),
    ]);
  });

  it('needs the app role itself in DATABASE_URL when it is to set its password through DATABASE_ADMIN_URL', () => {
    expect(
      problems({
        NODE_ENV: 'production',
        DATABASE_ADMIN_URL: 'postgresql://postgres:4dm1n-long@db.internal/postgres',
        DATABASE_OWNER_URL: 'postgresql://cairn_owner:0wn3r-long-random@db.internal/cairn',
        DATABASE_URL: 'postgresql://someone_else:4pp-long-random@db.internal/cairn',
      }),
    ).toEqual([expect.stringMatching(/^DATABASE_URL: must log in as cairn_app when DATABASE_ADMIN_URL is set/)]);
  });
});
