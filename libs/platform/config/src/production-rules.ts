/**
 * What NODE_ENV=production refuses beyond the per-variable rules of AppConfig: the settings that make `npm start`
 * convenient on a laptop and unsafe on a practice's server. Each problem is one line naming the variable, what is
 * wrong and what to do instead. Used by loadConfig (the API and the worker) and by the production launcher and
 * the migration command for the owner's connection.
 */

/** The passwords `npm start` and the tests give the two database roles (tools/db/provision.ts). Public. */
export const DEVELOPMENT_DATABASE_PASSWORDS: Readonly<Record<'cairn_owner' | 'cairn_app', string>> = {
  cairn_owner: 'cairn_owner',
  cairn_app: 'cairn_app',
};

/** The embedded PostgreSQL of `npm start`: its default port and the folder of its Unix socket (CAIRN_DATA_DIR/pg-socket). */
export const EMBEDDED_PG_PORT = 54329;
const EMBEDDED_SOCKET_DIR = /(^|\/)pg-socket\/?$/;

const PASSWORD_ADVICE =
  'give the role a long random password of its own (e.g. `openssl rand -base64 32`) on the server and put it in the URL';

/** Hosts PostgreSQL would reach over a Unix socket (a `host` query parameter or an empty/absolute host). */
function socketDir(u: URL): string | undefined {
  const param = u.searchParams.get('host');
  if (param && param.startsWith('/')) return param;
  const host = decodeURIComponent(u.hostname);
  return host.startsWith('/') ? host : undefined;
}

/**
 * Problems with a PostgreSQL URL in production. `role` is what the URL is for: the app role (the API and worker:
 * never a role that bypasses row-level security) or the owner role (migrations).
 */
export function databaseUrlProblems(variable: string, raw: string | undefined, role: 'app' | 'owner'): string[] {
  if (!raw)
    return [
      `${variable}: is required in production: the ${role === 'app' ? 'app role cairn_app' : 'owner role cairn_owner'}'s connection to your PostgreSQL server (postgresql://user:password@host:5432/database)`,
    ];
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return [`${variable}: is not a URL (postgresql://user:password@host:5432/database)`];
  }
  if (u.protocol !== 'postgresql:' && u.protocol !== 'postgres:')
    return [`${variable}: must start with postgresql:// (got ${u.protocol}//)`];
  const problems: string[] = [];
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  const socket = socketDir(u);
  if (Number(u.port || 5432) === EMBEDDED_PG_PORT || (socket && EMBEDDED_SOCKET_DIR.test(socket))) {
    problems.push(
      `${variable}: points at npm start's embedded development PostgreSQL (port ${EMBEDDED_PG_PORT} or its .data/pg-socket); production needs a PostgreSQL server of its own, with backups (docs/operations.md)`,
    );
  }
  if (!user)
    problems.push(`${variable}: names no user; connect as the ${role === 'app' ? 'app role cairn_app' : 'owner role cairn_owner'}`);
  else if (role === 'app' && (user === 'postgres' || user === 'cairn_owner')) {
    problems.push(
      `${variable}: connects as ${user}, which bypasses row-level security; the API and worker must connect as the app role cairn_app (npm run db:migrate creates it)`,
    );
  }
  if (user && !password && !u.searchParams.get('sslcert')) {
    problems.push(
      `${variable}: has no password: that works only on a server that trusts every local connection (trust authentication, as the development servers do); ${PASSWORD_ADVICE}, or authenticate with a client certificate (sslcert=...)`,
    );
  } else if (password && Object.values(DEVELOPMENT_DATABASE_PASSWORDS).includes(password)) {
    problems.push(`${variable}: uses the published development password "${password}"; ${PASSWORD_ADVICE}`);
  }
  return problems;
}

/** Problems of the API's and the worker's environment under NODE_ENV=production (loadConfig adds them). */
export function productionProblems(env: Record<string, string | undefined>): string[] {
  // An unset DATABASE_URL is reported by AppConfig's own rule already.
  const problems = env['DATABASE_URL'] ? databaseUrlProblems('DATABASE_URL', env['DATABASE_URL'], 'app') : [];
  if (!env['REDIS_URL'])
    problems.push(
      'REDIS_URL: is required in production (the default redis://127.0.0.1:6379 is a development convenience): your Redis, with AOF persistence and maxmemory-policy noeviction (docs/operations.md)',
    );
  return problems;
}
