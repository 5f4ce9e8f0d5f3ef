import { databaseUrlProblems } from '@cairn/platform/config';

import { checkAppLogin, ensureAppRole } from './app-role';
import { applyMigrations, readMigrations } from './migrations';
import { ownerUrlFromEnv } from './owner-url';
import { APP_ROLE, OWNER_ROLE, provisionDatabase } from './provision';

/** What `db:migrate` works with, read from the environment. */
export interface MigrateSettings {
  production: boolean;
  /** The owner role's URL: migrations run as it. */
  ownerUrl: string;
  /** A superuser's URL: when set, the roles and the database are created or brought up to date first. */
  adminUrl?: string;
  /** The API's and worker's own URL (production): its login is checked after the migrations. */
  appUrl?: string;
}

/** Thrown with every settings problem, one line each (exit 2: nothing was touched). */
export class MigrateSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`db:migrate cannot run with these settings:\n  - ${problems.join('\n  - ')}`);
    this.name = 'MigrateSettingsError';
  }
}

const redactUrl = (url: string): string => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return `${decodeURIComponent(u.username)}@${u.host}${u.pathname}`;
};

/**
 * Reads DATABASE_OWNER_URL (or DATABASE_URL's server and database with cairn_owner and CAIRN_OWNER_PASSWORD),
 * DATABASE_ADMIN_URL and, under NODE_ENV=production, DATABASE_URL. Production refuses what the development
 * servers get away with: trust authentication, the published role passwords, npm start's embedded PostgreSQL.
 */
export function readMigrateSettings(env: Record<string, string | undefined>): MigrateSettings {
  const production = env['NODE_ENV'] === 'production';
  const ownerUrl = ownerUrlFromEnv(env as NodeJS.ProcessEnv);
  const problems: string[] = [];
  if (!ownerUrl) {
    throw new MigrateSettingsError([
      'DATABASE_OWNER_URL: set it (or DATABASE_URL) to the database to migrate. `npm start` does this for you.',
    ]);
  }
  const adminUrl = env['DATABASE_ADMIN_URL'] || undefined;
  let appUrl: string | undefined;
  if (production) {
    const ownerLabel = env['DATABASE_OWNER_URL']
      ? 'DATABASE_OWNER_URL'
      : 'DATABASE_OWNER_URL (unset: DATABASE_URL with cairn_owner and CAIRN_OWNER_PASSWORD)';
    problems.push(...databaseUrlProblems(ownerLabel, ownerUrl, 'owner'));
    appUrl = env['DATABASE_URL'] || undefined;
    problems.push(...databaseUrlProblems('DATABASE_URL', appUrl, 'app'));
    if (adminUrl && appUrl && decodeURIComponent(new URL(appUrl).username) !== APP_ROLE) {
      problems.push(
        `DATABASE_URL: must log in as ${APP_ROLE} when DATABASE_ADMIN_URL is set (the command sets that role's password from it)`,
      );
    }
  }
  if (problems.length) throw new MigrateSettingsError(problems);
  return { production, ownerUrl, adminUrl, appUrl };
}

/**
 * `npm run db:migrate`: (1) with DATABASE_ADMIN_URL, create or update the owner and app roles and the database
 * (idempotent); (2) check the app role and grant it CONNECT and USAGE where missing; (3) apply pending
 * migrations, which grant the app role its table privileges; (4) in production, log in with DATABASE_URL and
 * check it cannot bypass row-level security. Each step reports one line through `say`; a problem throws.
 */
export async function runMigrate(settings: MigrateSettings, say: (line: string) => void): Promise<{ applied: string[] }> {
  say(`database: ${redactUrl(settings.ownerUrl)} as the owner role`);
  if (settings.adminUrl) {
    const owner = new URL(settings.ownerUrl);
    const database = decodeURIComponent(owner.pathname.slice(1));
    await provisionDatabase({
      adminUrl: settings.adminUrl,
      database,
      ownerPassword: decodeURIComponent(owner.password) || undefined,
      appPassword: settings.appUrl ? decodeURIComponent(new URL(settings.appUrl).password) || undefined : undefined,
    });
    say(
      `roles: ${OWNER_ROLE} and ${APP_ROLE} created or brought up to date, database "${database}" owned by ${OWNER_ROLE} (DATABASE_ADMIN_URL)`,
    );
  }
  const { granted } = await ensureAppRole(settings.ownerUrl);
  say(
    `app role ${APP_ROLE}: logs in, no superuser, no BYPASSRLS, owns nothing; ${granted.length ? `granted now: ${granted.join(', ')}` : 'CONNECT and USAGE in place'}`,
  );
  const { applied } = await applyMigrations(settings.ownerUrl);
  const total = readMigrations().migrationDirectories.length;
  say(
    applied.length
      ? `migrations: applied ${applied.length} of ${total}:\n  ${applied.join('\n  ')}`
      : `migrations: none pending (${total} applied)`,
  );
  if (settings.appUrl) {
    const login = await checkAppLogin(settings.appUrl);
    say(`DATABASE_URL logs in as ${login}${login === APP_ROLE ? '' : ` (a member of ${APP_ROLE})`}, subject to row-level security`);
  }
  return { applied };
}
