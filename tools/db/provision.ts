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

async function ignoreDuplicate(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    // 42710 duplicate_object (role), 42P04 duplicate_database, 23505 when two sessions race on the catalogue.
    const code = (e as { code?: string }).code;
    if (code !== '42710' && code !== '42P04' && code !== '23505') throw e;
  }
}

/**
 * Creates (idempotently) the two roles of ADR 0003 and a database owned by the owner role, on a server where
 * `adminUrl` is a superuser. The owner has BYPASSRLS (its SECURITY DEFINER helpers must read what their
 * callers' policies protect) and CREATEDB (for the migration engine's shadow database); the app role is a
 * plain login role that owns nothing and gets its table grants from the migrations.
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
    await ignoreDuplicate(admin.query(`CREATE ROLE ${OWNER_ROLE} LOGIN`));
    await ignoreDuplicate(admin.query(`CREATE ROLE ${APP_ROLE} LOGIN`));
    await admin.query(`ALTER ROLE ${OWNER_ROLE} WITH LOGIN NOSUPERUSER BYPASSRLS CREATEDB NOCREATEROLE PASSWORD ${literal(ownerPassword)}`);
    await admin.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${literal(appPassword)}`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (exists.rowCount === 0) await ignoreDuplicate(admin.query(`CREATE DATABASE ${ident(opts.database)} OWNER ${OWNER_ROLE}`));
    await admin.query(`REVOKE ALL ON DATABASE ${ident(opts.database)} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${ident(opts.database)} TO ${APP_ROLE}`);
    await admin.query(`GRANT ALL ON DATABASE ${ident(opts.database)} TO ${OWNER_ROLE}`);
  } finally {
    await admin.end();
  }
  const db = new Client({ connectionString: withCredentials(opts.adminUrl, opts.database) });
  await db.connect();
  try {
    await db.query(`ALTER SCHEMA public OWNER TO ${OWNER_ROLE}`);
    await db.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    await db.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
  } finally {
    await db.end();
  }
  return {
    adminUrl: withCredentials(opts.adminUrl, opts.database),
    ownerUrl: withCredentials(opts.adminUrl, opts.database, OWNER_ROLE, ownerPassword),
    appUrl: withCredentials(opts.adminUrl, opts.database, APP_ROLE, appPassword),
    database: opts.database,
  };
}

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
