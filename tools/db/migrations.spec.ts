import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createMigration, migrationFolderName, normaliseDiff, readMigrations } from './migrations';
import { connectionFields } from './schema-engine';

describe('migrationFolderName', () => {
  it('prefixes the name with the UTC timestamp yyyymmddHHMMSS, as the Prisma CLI does', () => {
    expect(migrationFolderName('added_notes', new Date(Date.UTC(2026, 10, 23, 1, 2, 3)))).toBe('20261123010203_added_notes');
  });

  it.each(['Added', 'added notes', 'added-notes', '', '../escape'])('rejects the name %j', (name) => {
    expect(() => migrationFolderName(name)).toThrow(/lower-case words joined by underscores/);
  });
});

describe('normaliseDiff', () => {
  it('treats comment-only engine output as no change', () => {
    expect(normaliseDiff('-- This is an empty migration.\n')).toBe('');
    expect(normaliseDiff('\n\n')).toBe('');
  });

  it('keeps a real change whole, comments included', () => {
    expect(normaliseDiff('-- AlterTable\nALTER TABLE "x" ADD COLUMN "y" TEXT;')).toBe(
      '-- AlterTable\nALTER TABLE "x" ADD COLUMN "y" TEXT;\n',
    );
  });
});

describe('createMigration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-migrations-unit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a folder that already exists before connecting anywhere', async () => {
    const now = new Date(Date.UTC(2026, 0, 1));
    mkdirSync(join(dir, migrationFolderName('taken', now)));
    await expect(createMigration('postgresql://nobody@127.0.0.1:1/none', 'taken', { migrationsDir: dir }, now)).rejects.toThrow(
      /already exists/,
    );
  });

  it('refuses a bad name before connecting anywhere', async () => {
    await expect(createMigration('postgresql://nobody@127.0.0.1:1/none', 'Bad Name', { migrationsDir: dir })).rejects.toThrow(/lower-case/);
  });
});

describe('readMigrations', () => {
  it('lists folders with a migration.sql in name order and reports a missing lock file as null', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-migrations-read-'));
    try {
      for (const name of ['20260102000000_b', '20260101000000_a', 'not_a_migration']) mkdirSync(join(dir, name));
      writeFileSync(join(dir, '20260102000000_b', 'migration.sql'), 'SELECT 2;');
      writeFileSync(join(dir, '20260101000000_a', 'migration.sql'), 'SELECT 1;');
      const list = readMigrations(dir);
      expect(list.migrationDirectories.map((m) => [m.path, m.migrationFile.content.value])).toEqual([
        ['20260101000000_a', 'SELECT 1;'],
        ['20260102000000_b', 'SELECT 2;'],
      ]);
      expect(list.lockfile).toEqual({ path: 'migration_lock.toml', content: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('connectionFields', () => {
  it('splits a URL into separate fields so the shadow database connection is not overridden (TOOLCHAIN pitfall 1)', () => {
    expect(connectionFields('postgresql://cairn_owner:p%40ss@db.local:6543/cairn_dev')).toEqual({
      host: 'db.local',
      port: 6543,
      user: 'cairn_owner',
      password: 'p@ss',
      database: 'cairn_dev',
    });
  });

  it('defaults the port and leaves an empty password undefined', () => {
    expect(connectionFields('postgresql://postgres@127.0.0.1/postgres')).toMatchObject({ port: 5432, password: undefined });
  });
});
