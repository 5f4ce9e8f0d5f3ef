import { Client } from 'pg';

import { APP_ROLE } from './provision';

/** Thrown with every problem of the app role at once, one line each, saying what to do. */
export class AppRoleError extends Error {
  constructor(readonly problems: string[]) {
    super(`The app role is not fit to run Cairn:\n  - ${problems.join('\n  - ')}`);
    this.name = 'AppRoleError';
  }
}

const CREATE_HINT =
  `run this command once with DATABASE_ADMIN_URL set to a superuser's URL (it creates both roles and the database), ` +
  `or as a superuser: CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '...'`;

export interface AppRoleReport {
  /** Grants this run added (the owner may grant them: it owns the database and schema public). */
  granted: string[];
}

/**
 * As the owner, before the migrations (whose table grants name the role): the app role exists, can log in, is
 * neither a superuser nor able to bypass row-level security nor to create roles or databases, and owns nothing
 * in this database; it has CONNECT on the database and USAGE on schema public (granted here when missing: the
 * owner owns both). Throws AppRoleError listing every problem.
 */
export async function ensureAppRole(ownerUrl: string): Promise<AppRoleReport> {
  const db = new Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const role = await db.query<{
      rolcanlogin: boolean;
      rolsuper: boolean;
      rolbypassrls: boolean;
      rolcreatedb: boolean;
      rolcreaterole: boolean;
    }>('SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    const r = role.rows[0];
    if (!r) throw new AppRoleError([`the role ${APP_ROLE} does not exist: ${CREATE_HINT}`]);
    const problems: string[] = [];
    if (!r.rolcanlogin) problems.push(`${APP_ROLE} cannot log in: ALTER ROLE ${APP_ROLE} LOGIN (as a superuser)`);
    if (r.rolsuper) problems.push(`${APP_ROLE} is a superuser, which bypasses row-level security: ALTER ROLE ${APP_ROLE} NOSUPERUSER`);
    if (r.rolbypassrls) problems.push(`${APP_ROLE} bypasses row-level security: ALTER ROLE ${APP_ROLE} NOBYPASSRLS`);
    if (r.rolcreatedb || r.rolcreaterole)
      problems.push(`${APP_ROLE} may create databases or roles: ALTER ROLE ${APP_ROLE} NOCREATEDB NOCREATEROLE`);
    const owned = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = $1) AND n.nspname = 'public' ORDER BY 1 LIMIT 5`,
      [APP_ROLE],
    );
    if (owned.rowCount)
      problems.push(
        `${APP_ROLE} owns ${owned.rows.map((o) => o.name).join(', ')}; an owner is exempt from row-level security: ALTER TABLE ... OWNER TO the owner role`,
      );
    if (problems.length) throw new AppRoleError(problems);

    const granted: string[] = [];
    const database = (await db.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
    const privileges = await db.query<{ connect: boolean; usage: boolean }>(
      "SELECT has_database_privilege($1, current_database(), 'CONNECT') AS connect, has_schema_privilege($1, 'public', 'USAGE') AS usage",
      [APP_ROLE],
    );
    const p = privileges.rows[0]!;
    if (!p.connect) {
      await db.query(`GRANT CONNECT ON DATABASE "${database.replace(/"/g, '""')}" TO ${APP_ROLE}`);
      granted.push(`CONNECT on database ${database}`);
    }
    if (!p.usage) {
      await db.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
      granted.push('USAGE on schema public');
    }
    return { granted };
  } finally {
    await db.end();
  }
}

/**
 * Logs in with the API's and worker's own URL (DATABASE_URL) and checks what that login may do: it is the app
 * role or a member of it, and can bypass row-level security neither itself nor as a superuser. Returns the
 * login's name.
 */
export async function checkAppLogin(appUrl: string): Promise<string> {
  const db = new Client({ connectionString: appUrl });
  try {
    await db.connect();
  } catch (e) {
    throw new AppRoleError([`DATABASE_URL could not log in: ${e instanceof Error ? e.message : String(e)}`]);
  }
  try {
    const r = await db.query<{ login: string; rolsuper: boolean; rolbypassrls: boolean; member: boolean }>(
      `SELECT current_user AS login, rolsuper, rolbypassrls, pg_has_role(current_user, $1, 'USAGE') AS member
         FROM pg_roles WHERE rolname = current_user`,
      [APP_ROLE],
    );
    const row = r.rows[0]!;
    const problems: string[] = [];
    if (row.rolsuper || row.rolbypassrls)
      problems.push(
        `DATABASE_URL logs in as ${row.login}, which bypasses row-level security: the API and worker must log in as ${APP_ROLE}`,
      );
    else if (!row.member) problems.push(`DATABASE_URL logs in as ${row.login}, which is not ${APP_ROLE} and holds none of its grants`);
    if (problems.length) throw new AppRoleError(problems);
    return row.login;
  } finally {
    await db.end();
  }
}
