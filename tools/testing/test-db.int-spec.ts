import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

import { appPool, createScratchDatabase, ownerPool } from './test-db';

const serverAdminUrl = process.env['TEST_SERVER_ADMIN_URL']!;

async function databasesNamed(prefix: string): Promise<string[]> {
  const c = new Client({ connectionString: serverAdminUrl });
  await c.connect();
  try {
    return (await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix])).rows.map(
      (r) => r.datname,
    );
  } finally {
    await c.end();
  }
}

describe('ownerPool and appPool', () => {
  it("connect to this run's database as the owner and the app role", async () => {
    for (const [pool, role] of [
      [ownerPool(), 'cairn_owner'],
      [appPool(), 'cairn_app'],
    ] as const) {
      try {
        const { rows } = await pool.query<{ user: string; migrated: boolean }>(
          "SELECT current_user AS user, to_regclass('_prisma_migrations') IS NOT NULL AS migrated",
        );
        expect(rows).toEqual([{ user: role, migrated: true }]);
      } finally {
        await pool.end();
      }
    }
  });
});

describe('createScratchDatabase', () => {
  it('gives an empty provisioned database, migrated only on request, and drops it', async () => {
    const empty = await createScratchDatabase({ prefix: 'cairn_scratch_empty' });
    const migrated = await createScratchDatabase({ prefix: 'cairn_scratch_migrated', migrate: true });
    try {
      for (const [db, expected] of [
        [empty, false],
        [migrated, true],
      ] as const) {
        const c = new Client({ connectionString: db.ownerUrl });
        await c.connect();
        const { rows } = await c.query<{ migrated: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS migrated");
        await c.end();
        expect(rows[0].migrated).toBe(expected);
      }
    } finally {
      await empty.drop();
      await migrated.drop();
      await migrated.drop();
    }
    expect(await databasesNamed(empty.database)).toEqual([]);
    expect(await databasesNamed(migrated.database)).toEqual([]);
  });

  it('drops the database again when its migrations fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-broken-migrations-'));
    try {
      mkdirSync(join(dir, '20990101000000_broken'));
      writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
      writeFileSync(join(dir, '20990101000000_broken', 'migration.sql'), 'SELECT no_such_function();\n');
      const prefix = `cairn_scratch_broken_${process.pid}`;
      await expect(createScratchDatabase({ prefix, migrate: true, migrationsDir: dir })).rejects.toThrow(/no_such_function/);
      expect(await databasesNamed(prefix)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
