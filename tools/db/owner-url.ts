import { OWNER_ROLE } from './provision';

/**
 * The URL the db:* commands connect with: DATABASE_OWNER_URL, or else DATABASE_URL's server and database with
 * the owner role (password CAIRN_OWNER_PASSWORD, default "cairn_owner"). Undefined when neither is set.
 */
export function ownerUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['DATABASE_OWNER_URL']) return env['DATABASE_OWNER_URL'];
  const base = env['DATABASE_URL'];
  if (!base) return undefined;
  const u = new URL(base);
  u.username = OWNER_ROLE;
  u.password = encodeURIComponent(env['CAIRN_OWNER_PASSWORD'] ?? 'cairn_owner');
  return u.toString();
}
