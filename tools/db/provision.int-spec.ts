import { Client } from 'pg';

import { uniqueDatabaseName } from '../testing/test-db';
import { APP_ROLE, dropDatabase, OWNER_ROLE, provisionDatabase } from './provision';

/** provisionDatabase against the real server, on scratch databases dropped at the end. */
const serverAdminUrl = process.env['TEST_SERVER_ADMIN_URL']!;
const names: string[] = [];
const fresh = (): string => {
  const name = uniqueDatabaseName('cairn_prov');
  names.push(name);
  return name;
};

async function query<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  for (const name of names) await dropDatabase(serverAdminUrl, name);
});

describe('provisionDatabase', () => {
  it('gives the owner and app roles the attributes ARCHITECTURE §4 requires', async () => {
    await provisionDatabase({ adminUrl: serverAdminUrl, database: fresh() });
    const rows = await query<{
      rolname: string;
      rolsuper: boolean;
      rolbypassrls: boolean;
      rolcreatedb: boolean;
      rolcreaterole: boolean;
      rolcanlogin: boolean;
    }>(
      serverAdminUrl,
      'SELECT rolname, rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolcanlogin FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname',
      [[OWNER_ROLE, APP_ROLE]],
    );
    expect(rows).toEqual([
      { rolname: APP_ROLE, rolsuper: false, rolbypassrls: false, rolcreatedb: false, rolcreaterole: false, rolcanlogin: true },
      { rolname: OWNER_ROLE, rolsuper: false, rolbypassrls: true, rolcreatedb: true, rolcreaterole: false, rolcanlogin: true },
    ]);
  });

  it('creates the database owned by the owner role, with schema public owned by it and closed to PUBLIC', async () => {
    const database = fresh();
    const db = await provisionDatabase({ adminUrl: serverAdminUrl, database });
    const [row] = await query<Record<string, unknown>>(
      db.adminUrl,
      `SELECT pg_get_userbyid(d.datdba) AS db_owner,
              (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public') AS schema_owner,
              EXISTS (SELECT 1 FROM aclexplode(d.datacl) a WHERE a.grantee = 0) AS public_on_database,
              EXISTS (SELECT 1 FROM pg_namespace n, aclexplode(n.nspacl) a WHERE n.nspname = 'public' AND a.grantee = 0) AS public_on_schema,
              has_database_privilege($1, d.oid, 'CONNECT') AS app_connect,
              has_database_privilege($1, d.oid, 'CREATE') AS app_create_schema,
              has_schema_privilege($1, 'public', 'USAGE') AS app_usage,
              has_schema_privilege($1, 'public', 'CREATE') AS app_create_in_public
         FROM pg_database d WHERE d.datname = $2`,
      [APP_ROLE, database],
    );
    expect(row).toEqual({
      db_owner: OWNER_ROLE,
      schema_owner: OWNER_ROLE,
      public_on_database: false,
      public_on_schema: false,
      app_connect: true,
      app_create_schema: false,
      app_usage: true,
      app_create_in_public: false,
    });
  });

  it('returns URLs on the same server for the superuser, the owner and the app role, each able to log in', async () => {
    const database = fresh();
    const db = await provisionDatabase({ adminUrl: serverAdminUrl, database });
    const server = new URL(serverAdminUrl);
    for (const [url, role] of [
      [db.ownerUrl, OWNER_ROLE],
      [db.appUrl, APP_ROLE],
    ] as const) {
      const u = new URL(url);
      expect([u.hostname, u.port, u.pathname, decodeURIComponent(u.username)]).toEqual([
        server.hostname,
        server.port,
        `/${database}`,
        role,
      ]);
      expect(await query(url, 'SELECT current_user AS user, current_database() AS db')).toEqual([{ user: role, db: database }]);
    }
    expect(new URL(db.adminUrl).username).toBe(server.username);
  });

  it('is idempotent and safe when several processes provision at once', async () => {
    const database = fresh();
    const other = fresh();
    const results = await Promise.all([
      provisionDatabase({ adminUrl: serverAdminUrl, database }),
      provisionDatabase({ adminUrl: serverAdminUrl, database }),
      provisionDatabase({ adminUrl: serverAdminUrl, database: other }),
      provisionDatabase({ adminUrl: serverAdminUrl, database: other }),
    ]);
    expect(new Set(results.map((r) => r.database))).toEqual(new Set([database, other]));
    await provisionDatabase({ adminUrl: serverAdminUrl, database });
  });
});

describe('dropDatabase', () => {
  it('drops a database that still has open connections, and ignores one that does not exist', async () => {
    const database = fresh();
    const db = await provisionDatabase({ adminUrl: serverAdminUrl, database });
    const open = new Client({ connectionString: db.appUrl });
    await open.connect();
    open.on('error', () => undefined); // the server terminates it
    await dropDatabase(serverAdminUrl, database);
    expect(await query(serverAdminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [database])).toEqual([]);
    await dropDatabase(serverAdminUrl, database);
    await open.end().catch(() => undefined);
  });
});
