import { Client } from 'pg';

import { createScratchDatabase, ScratchDatabase, uniqueDatabaseName } from '../testing/test-db';
import { AppRoleError, checkAppLogin } from './app-role';
import { runMigrate } from './migrate-command';
import { readMigrations } from './migrations';
import { dropDatabase, withCredentials } from './provision';

// db:migrate against the real server: it creates (with an admin URL) or checks the app role, applies the
// migrations idempotently, and reports each step.
jest.setTimeout(120_000);

const serverAdminUrl = process.env['TEST_SERVER_ADMIN_URL']!;
const scratch: ScratchDatabase[] = [];
const extraDatabases: string[] = [];

afterAll(async () => {
  for (const db of scratch) await db.drop();
  for (const name of extraDatabases) await dropDatabase(serverAdminUrl, name);
});

async function sql(url: string, text: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

it('creates the roles and the database with an admin URL, applies every migration, and applies nothing the second time', async () => {
  const database = uniqueDatabaseName('cairn_migrate_cmd');
  extraDatabases.push(database);
  const ownerUrl = withCredentials(serverAdminUrl, database, 'cairn_owner', 'cairn_owner');
  const first: string[] = [];
  const { applied } = await runMigrate({ production: false, ownerUrl, adminUrl: serverAdminUrl }, (l) => first.push(l));
  const total = readMigrations().migrationDirectories.length;
  expect(applied).toHaveLength(total);
  expect(first[0]).toBe(`database: cairn_owner@${new URL(serverAdminUrl).host}/${database} as the owner role`);
  expect(first[1]).toMatch(
    new RegExp(`^roles: cairn_owner and cairn_app created or brought up to date, database "${database}" owned by cairn_owner`),
  );
  expect(first[2]).toBe('app role cairn_app: logs in, no superuser, no BYPASSRLS, owns nothing; CONNECT and USAGE in place');
  expect(first[3]).toMatch(new RegExp(`^migrations: applied ${total} of ${total}:`));

  const second: string[] = [];
  expect((await runMigrate({ production: false, ownerUrl }, (l) => second.push(l))).applied).toEqual([]);
  expect(second).toEqual([first[0], first[2], `migrations: none pending (${total} applied)`]);
});

it('grants the app role CONNECT and USAGE when they are missing, as the owner', async () => {
  const db = await createScratchDatabase({ prefix: 'cairn_migrate_grants', migrate: true });
  scratch.push(db);
  await sql(db.adminUrl, `REVOKE CONNECT ON DATABASE "${db.database}" FROM cairn_app`);
  await sql(db.adminUrl, 'REVOKE USAGE ON SCHEMA public FROM cairn_app');
  const lines: string[] = [];
  await runMigrate({ production: false, ownerUrl: db.ownerUrl }, (l) => lines.push(l));
  expect(lines[1]).toBe(
    `app role cairn_app: logs in, no superuser, no BYPASSRLS, owns nothing; granted now: CONNECT on database ${db.database}, USAGE on schema public`,
  );
  await checkAppLogin(db.appUrl);
});

it("checks the API's login: the app role passes, the owner (which bypasses row-level security) is refused", async () => {
  const db = await createScratchDatabase({ prefix: 'cairn_migrate_login', migrate: true });
  scratch.push(db);
  expect(await checkAppLogin(db.appUrl)).toBe('cairn_app');
  await expect(checkAppLogin(db.ownerUrl)).rejects.toThrow(AppRoleError);
  await expect(checkAppLogin(db.ownerUrl)).rejects.toThrow(/DATABASE_URL logs in as cairn_owner, which bypasses row-level security/);
  const lines: string[] = [];
  await expect(runMigrate({ production: true, ownerUrl: db.ownerUrl, appUrl: db.ownerUrl }, (l) => lines.push(l))).rejects.toThrow(
    /bypasses row-level security/,
  );
});
