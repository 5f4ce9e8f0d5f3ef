import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

import { createScratchDatabase, ScratchDatabase } from '../testing/test-db';
import {
  applyMigrations,
  createMigration,
  diffToSchema,
  EmptyMigrationError,
  MIGRATIONS_DIR,
  migrationStatus,
  readMigrations,
} from './migrations';
import { SHADOW_PREFIX } from './schema-engine';

/** The offline migration tooling against real scratch databases (each dropped at the end). */
const SCHEMA_DIR = join(__dirname, '..', '..', 'prisma', 'schema');
const scratch: ScratchDatabase[] = [];
const dirs: string[] = [];

async function database(): Promise<ScratchDatabase> {
  const db = await createScratchDatabase({ prefix: 'cairn_mig' });
  scratch.push(db);
  return db;
}

/** A copy of prisma/migrations (and optionally prisma/schema) that a test may edit. */
function copyOfProject(): { migrationsDir: string; schemaDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'cairn-migrations-'));
  dirs.push(root);
  cpSync(MIGRATIONS_DIR, join(root, 'migrations'), { recursive: true });
  cpSync(SCHEMA_DIR, join(root, 'schema'), { recursive: true });
  return { migrationsDir: join(root, 'migrations'), schemaDir: join(root, 'schema') };
}

/** Shadow databases this process created and did not drop. */
async function shadowDatabases(db: ScratchDatabase): Promise<string[]> {
  const c = new Client({ connectionString: db.adminUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [
      `${SHADOW_PREFIX}p${process.pid}_`,
    ]);
    return rows.map((r) => r.datname);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  for (const db of scratch) await db.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the project migrations', () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await database();
  });

  it('reports every migration as pending on an empty database', async () => {
    const status = await migrationStatus(db.ownerUrl);
    expect(status).toMatchObject({
      upToDate: false,
      hasMigrationsTable: false,
      pending: readMigrations().migrationDirectories.map((m) => m.path),
    });
  });

  it('applies every migration once and nothing on a second run', async () => {
    const first = await applyMigrations(db.ownerUrl);
    expect(first.applied).toEqual(readMigrations().migrationDirectories.map((m) => m.path));
    const second = await applyMigrations(db.ownerUrl);
    expect(second.applied).toEqual([]);
  });

  it('writes the same _prisma_migrations rows as prisma migrate deploy (sha256 checksums, finished)', async () => {
    const c = new Client({ connectionString: db.ownerUrl });
    await c.connect();
    try {
      const { rows } = await c.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
      );
      const expected = readMigrations().migrationDirectories.map((m) => ({
        migration_name: m.path,
        checksum: createHash('sha256').update(m.migrationFile.content.value).digest('hex'),
      }));
      expect(rows.map((r) => ({ migration_name: r.migration_name, checksum: r.checksum }))).toEqual(expected);
      expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
    } finally {
      await c.end();
    }
  });

  it('has no drift: the migrations produce exactly the schema files, and the shadow database is dropped', async () => {
    expect(await diffToSchema(db.ownerUrl)).toBe('');
    expect(await shadowDatabases(db)).toEqual([]);
  });

  it('reports the database as up to date', async () => {
    expect(await migrationStatus(db.ownerUrl)).toMatchObject({
      upToDate: true,
      pending: [],
      edited: [],
      failed: [],
      unknownInDatabase: [],
    });
  });

  it('refuses to create an empty migration and writes nothing', async () => {
    const project = copyOfProject();
    const before = readdirSync(project.migrationsDir);
    await expect(createMigration(db.ownerUrl, 'nothing_changed', project)).rejects.toThrow(EmptyMigrationError);
    expect(readdirSync(project.migrationsDir)).toEqual(before);
  });
});

describe('a schema change', () => {
  it('becomes a new migration folder that applies and leaves no drift', async () => {
    const db = await database();
    const project = copyOfProject();
    writeFileSync(
      join(project.schemaDir, 'zz_probe.prisma'),
      'model ZzProbe {\n  id   Int    @id\n  note String\n  @@map("zz_probe")\n}\n',
    );
    const { folder, sql } = await createMigration(db.ownerUrl, 'added_probe', project, new Date(Date.UTC(2099, 0, 2, 3, 4, 5)));
    expect(folder).toBe('20990102030405_added_probe');
    expect(sql).toContain('CREATE TABLE "zz_probe"');
    expect(existsSync(join(project.migrationsDir, folder, 'migration.sql'))).toBe(true);
    const { applied } = await applyMigrations(db.ownerUrl, project);
    expect(applied[applied.length - 1]).toBe(folder);
    expect(await diffToSchema(db.ownerUrl, project)).toBe('');
  });

  it('is written with migration_lock.toml when the folder has none', async () => {
    const db = await database();
    const project = copyOfProject();
    rmSync(join(project.migrationsDir, 'migration_lock.toml'));
    writeFileSync(join(project.schemaDir, 'zz_probe.prisma'), 'model ZzProbe {\n  id Int @id\n  @@map("zz_probe")\n}\n');
    await createMigration(db.ownerUrl, 'added_probe', project);
    expect(readMigrations(project.migrationsDir).lockfile.content).toContain('provider = "postgresql"');
  });
});

describe('migration history problems', () => {
  it('reports an applied migration whose file was edited afterwards', async () => {
    const db = await database();
    const project = copyOfProject();
    await applyMigrations(db.ownerUrl, project);
    const [first] = readMigrations(project.migrationsDir).migrationDirectories;
    appendFileSync(join(project.migrationsDir, first.path, 'migration.sql'), '\n-- edited after being applied\n');
    expect(await migrationStatus(db.ownerUrl, project)).toMatchObject({ upToDate: false, edited: [first.path] });
  });

  it('reports a migration applied to the database but missing from the folder', async () => {
    const db = await database();
    const project = copyOfProject();
    await applyMigrations(db.ownerUrl, project);
    const migrations = readMigrations(project.migrationsDir).migrationDirectories;
    const last = migrations[migrations.length - 1];
    rmSync(join(project.migrationsDir, last.path), { recursive: true });
    expect(await migrationStatus(db.ownerUrl, project)).toMatchObject({ upToDate: false, unknownInDatabase: [last.path] });
  });

  it('fails on a broken migration, records it as failed, and applies nothing after it', async () => {
    const db = await database();
    const project = copyOfProject();
    mkdirSync(join(project.migrationsDir, '20990101000000_broken'));
    writeFileSync(
      join(project.migrationsDir, '20990101000000_broken', 'migration.sql'),
      'CREATE TABLE "zz_broken" (id INT);\nSELECT no_such_function();\n',
    );
    mkdirSync(join(project.migrationsDir, '20990101000001_after'));
    writeFileSync(join(project.migrationsDir, '20990101000001_after', 'migration.sql'), 'CREATE TABLE "zz_after" (id INT);\n');
    await expect(applyMigrations(db.ownerUrl, project)).rejects.toThrow(/no_such_function/);
    const status = await migrationStatus(db.ownerUrl, project);
    expect(status).toMatchObject({ upToDate: false, failed: ['20990101000000_broken'] });
    const c = new Client({ connectionString: db.ownerUrl });
    await c.connect();
    try {
      // The script ran as one statement batch, so its first half was rolled back with it.
      const { rows } = await c.query("SELECT to_regclass('zz_broken') AS broken, to_regclass('zz_after') AS after");
      expect(rows[0]).toEqual({ broken: null, after: null });
    } finally {
      await c.end();
    }
  });

  it('drops the shadow database even when a migration fails in it during a diff', async () => {
    const db = await database();
    const project = copyOfProject();
    mkdirSync(join(project.migrationsDir, '20990101000000_broken'));
    writeFileSync(join(project.migrationsDir, '20990101000000_broken', 'migration.sql'), 'SELECT no_such_function();\n');
    await expect(diffToSchema(db.ownerUrl, project)).rejects.toThrow(/no_such_function/);
    expect(await shadowDatabases(db)).toEqual([]);
  });
});
