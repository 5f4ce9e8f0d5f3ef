import { Client } from 'pg';

export interface ProvisionedDatabase {
  adminUrl: string;
  ownerUrl: string;
  appUrl: string;
  database: string;
}

export const OWNER_ROLE = 'cairn_owner';
export const APP_ROLE = 'cairn_app';

function withCredentials(url: string, database: string, user?: string, password?: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  if (user !== undefined) {
    u.username = encodeURIComponent(user);
    u.password = password ? encodeURIComponent(password) : '';
  }
  return u.toString();
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** SQLSTATEs meaning "someone else created it first": duplicate_object, duplicate_database, unique_violation. */
const ALREADY_EXISTS = new Set(['42710', '42P04', '23505']);

async function ignoreDuplicate(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (!ALREADY_EXISTS.has((e as { code?: string }).code ?? '')) throw e;
  }
}

// Serialises provisioning between processes (two test runs, `npm start` and a test run, parallel tests):
// concurrent ALTER ROLE or GRANT on one object fails with "tuple concurrently updated". Any fixed key will do.
const PROVISION_LOCK_KEY = 0x636169726e;

/**
 * Creates (idempotently, and safely when several processes race) the two roles of ADR 0003 and a database
 * owned by the owner role, on a server where `adminUrl` is a superuser. The owner has BYPASSRLS (its SECURITY
 * DEFINER helpers must read what their callers' policies protect) and CREATEDB (for the migration engine's
 * shadow database); the app role is a plain login role that owns nothing and gets its table grants from the
 * migrations. Returns URLs of the new database for the superuser, the owner and the app role.
 */
export async function provisionDatabase(opts: {
  adminUrl: string;
  database: string;
  ownerPassword?: string;
  appPassword?: string;
}): Promise<ProvisionedDatabase> {
  const ownerPassword = opts.ownerPassword ?? 'cairn_owner';
  const appPassword = opts.appPassword ?? 'cairn_app';
  const admin = new Client({ connectionString: opts.adminUrl });
  await admin.connect();
  try {
    // Held until the end: concurrent ALTER ROLE, GRANT or ALTER SCHEMA on one object fail otherwise.
    await admin.query('SELECT pg_advisory_lock($1)', [PROVISION_LOCK_KEY]);
    await ignoreDuplicate(admin.query(`CREATE ROLE ${OWNER_ROLE} LOGIN`));
    await ignoreDuplicate(admin.query(`CREATE ROLE ${APP_ROLE} LOGIN`));
    await admin.query(`ALTER ROLE ${OWNER_ROLE} WITH LOGIN NOSUPERUSER BYPASSRLS CREATEDB NOCREATEROLE PASSWORD ${literal(ownerPassword)}`);
    await admin.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${literal(appPassword)}`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (exists.rowCount === 0) await ignoreDuplicate(admin.query(`CREATE DATABASE ${ident(opts.database)} OWNER ${OWNER_ROLE}`));
    await admin.query(`REVOKE ALL ON DATABASE ${ident(opts.database)} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT ON DATABASE ${ident(opts.database)} TO ${APP_ROLE}`);
    const db = new Client({ connectionString: withCredentials(opts.adminUrl, opts.database) });
    await db.connect();
    try {
      await db.query(`ALTER SCHEMA public OWNER TO ${OWNER_ROLE}`);
      await db.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
      await db.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    } finally {
      await db.end();
    }
  } finally {
    // Ending the session releases the advisory lock.
    await admin.end();
  }
  return {
    adminUrl: withCredentials(opts.adminUrl, opts.database),
    ownerUrl: withCredentials(opts.adminUrl, opts.database, OWNER_ROLE, ownerPassword),
    appUrl: withCredentials(opts.adminUrl, opts.database, APP_ROLE, appPassword),
    database: opts.database,
  };
}

/** Drops the database, disconnecting anyone still using it. */
export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export { withCredentials };
